// Passkeys (WebAuthn). A form marked data-options fetches a challenge from that address, lets
// the browser create or use a passkey for it, and posts the signed answer in its "credential"
// field like any other form. WebAuthn's JSON carries binary values as base64url text.
(() => {
  const toBytes = (text) =>
    Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
  const toText = (buffer) =>
    btoa(String.fromCharCode(...new Uint8Array(buffer)))
      .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  const descriptors = (list) => (list || []).map((item) => ({ ...item, id: toBytes(item.id) }));
  // what both ceremonies send back besides the authenticator's response
  const credentialJson = (credential, response) => ({
    id: credential.id,
    rawId: toText(credential.rawId),
    type: credential.type,
    response,
    clientExtensionResults: credential.getClientExtensionResults(),
    authenticatorAttachment: credential.authenticatorAttachment,
  });

  async function challenge(form) {
    const header = document.querySelector('meta[name="csrf-header"]');
    const token = document.querySelector('meta[name="csrf-token"]');
    const response = await fetch(form.dataset.options, {
      method: "POST",
      headers: { Accept: "application/json", [header.content]: token.content },
    });
    if (response.redirected) {
      // a sensitive change asks for the second factor, or the password, first
      window.location.href = response.url;
      return null;
    }
    if (!response.ok) {
      throw new Error("No challenge: HTTP " + response.status);
    }
    return response.json();
  }

  async function create(options) {
    const credential = await navigator.credentials.create({
      publicKey: {
        ...options,
        challenge: toBytes(options.challenge),
        user: { ...options.user, id: toBytes(options.user.id) },
        excludeCredentials: descriptors(options.excludeCredentials),
      },
    });
    const response = credential.response;
    return credentialJson(credential, {
      attestationObject: toText(response.attestationObject),
      clientDataJSON: toText(response.clientDataJSON),
      transports: response.getTransports ? response.getTransports() : [],
    });
  }

  async function use(options) {
    const credential = await navigator.credentials.get({
      publicKey: {
        ...options,
        challenge: toBytes(options.challenge),
        allowCredentials: descriptors(options.allowCredentials),
      },
    });
    const response = credential.response;
    return credentialJson(credential, {
      authenticatorData: toText(response.authenticatorData),
      clientDataJSON: toText(response.clientDataJSON),
      signature: toText(response.signature),
      userHandle: response.userHandle ? toText(response.userHandle) : undefined,
    });
  }

  for (const form of document.querySelectorAll("form[data-options]")) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const error = form.querySelector("[data-passkey-error]");
      error.hidden = true;
      try {
        if (!window.PublicKeyCredential) {
          throw new Error("This browser has no WebAuthn");
        }
        const options = await challenge(form);
        if (options) {
          const credential = form.id === "passkey-register" ? await create(options) : await use(options);
          form.elements.credential.value = JSON.stringify(credential);
          form.submit();
        }
      } catch (problem) {
        console.warn(problem);
        error.hidden = false;
      }
    });
  }
})();
