// Sends the CSRF token with every htmx request that changes something.
document.addEventListener("htmx:configRequest", (event) => {
  const header = document.querySelector('meta[name="csrf-header"]');
  const token = document.querySelector('meta[name="csrf-token"]');
  if (header && token && event.detail.verb !== "get") {
    event.detail.headers[header.content] = token.content;
  }
});

// Tells the server the reader's time zone, so times show as the reader's clock does.
(() => {
  // __Host- and Secure where the browser allows it (HTTPS, localhost)
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const name = window.isSecureContext ? "__Host-CONCIERGE_TZ" : "CONCIERGE_TZ";
  if (zone && !document.cookie.split("; ").includes(name + "=" + zone)) {
    document.cookie = name + "=" + zone + "; path=/; max-age=31536000; SameSite=Lax" + (window.isSecureContext ? "; Secure" : "");
  }
})();

// The page's one status region, which screen readers watch. Two things said within a few
// seconds of each other (an order shipped, then the notification about it) are both kept, so
// the second does not silence the first.
let announcedAt = 0;
function announce(text) {
  const announcer = document.getElementById("announcer");
  if (!announcer || !text) {
    return;
  }
  const now = Date.now();
  const recent = now - announcedAt < 3000 && announcer.textContent;
  if (!recent) {
    announcer.textContent = text;
  } else if (!announcer.textContent.includes(text)) {
    announcer.textContent = announcer.textContent + " " + text;
  }
  announcedAt = now;
}

// Content that htmx swaps in is not read out by itself: text marked data-announce is copied
// into the status region.
document.addEventListener("htmx:afterSettle", () => {
  const source = document.querySelector("[data-announce]");
  if (source) {
    announce(source.textContent.trim());
  }
});

// Keeps an open order page current: the server says when the order changed (server-sent
// events, which reconnect by themselves and say which change they saw last), and htmx fetches
// the page's live part again; its status line is then read out.
(() => {
  const live = document.querySelector("[data-live-source]");
  if (!live || !window.EventSource) {
    return;
  }
  const source = new EventSource(live.dataset.liveSource);
  // for tests and assistive tools: whether the page is following the order now
  source.addEventListener("open", () => { live.dataset.following = "true"; });
  source.addEventListener("order", () => {
    htmx.ajax("GET", live.dataset.liveFragment, { target: "#order-live", swap: "outerHTML" });
  });
  window.addEventListener("pagehide", () => source.close());
})();

// A fragment that htmx swapped in for a form it sent says how that went: the form is gone, so
// its answer, marked data-focus-after-swap, takes the focus and is read out from there.
document.addEventListener("htmx:afterSettle", () => {
  const answer = document.querySelector("[data-focus-after-swap]");
  if (answer) {
    answer.removeAttribute("data-focus-after-swap");
    answer.focus();
  }
});

// A form marked data-once sends once: its button is disabled after the first submit (the
// server also recognises a repeat by the form's key).
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.hasAttribute("data-once")) {
    if (form.dataset.sent === "true") {
      event.preventDefault();
      return;
    }
    form.dataset.sent = "true";
    form.querySelectorAll("button[type=submit]").forEach((button) => { button.setAttribute("aria-disabled", "true"); });
  }
});

// The bell in the header: the server says when a notification is added (server-sent events,
// which reconnect by themselves) and how many are unread; the count changes and the news is read
// out. The bell arrives by htmx, so it is looked for each time content is loaded.
document.addEventListener("htmx:load", (event) => {
  const bell = event.detail.elt.querySelector ? (event.detail.elt.matches("[data-notifications-source]")
    ? event.detail.elt : event.detail.elt.querySelector("[data-notifications-source]")) : null;
  if (!bell || bell.dataset.listening || !window.EventSource) {
    return;
  }
  const source = new EventSource(bell.dataset.notificationsSource);
  // for tests: whether the bell hears of new notifications now (the order page's own is data-following)
  bell.dataset.listening = "connecting";
  source.addEventListener("open", () => { bell.dataset.listening = "true"; });
  source.addEventListener("notification", (message) => {
    const count = document.getElementById("bell-count");
    if (count) {
      count.dataset.count = message.data;
      count.querySelector(".bell-number").textContent = message.data;
      count.classList.toggle("bell-count-none", message.data === "0");
    }
    announce(bell.dataset.newText);
  });
  window.addEventListener("pagehide", () => source.close());
});

// The support console: who else has this ticket open now (server-sent events), so that two
// agents do not answer at once.
(() => {
  const viewers = document.querySelector("[data-viewers-source]");
  if (!viewers || !window.EventSource) {
    return;
  }
  const source = new EventSource(viewers.dataset.viewersSource);
  source.addEventListener("open", () => { viewers.dataset.following = "true"; });
  source.addEventListener("viewers", (message) => {
    viewers.hidden = message.data === "";
    viewers.textContent = message.data === "" ? "" : viewers.dataset.viewersText + " " + message.data;
  });
  window.addEventListener("pagehide", () => source.close());
})();

// A form marked data-reset-after is emptied once htmx has sent it (the assistant's question).
document.addEventListener("htmx:afterRequest", (event) => {
  const form = event.detail.elt;
  if (form instanceof HTMLFormElement && form.hasAttribute("data-reset-after") && event.detail.successful) {
    form.reset();
  }
});

// A data export being prepared: its bar moves as the server reports each part done (server-sent
// events); when it is ready the page reloads to show the download.
document.querySelectorAll("[data-progress-url]").forEach((progress) => {
  if (!window.EventSource) {
    return;
  }
  const source = new EventSource(progress.dataset.progressUrl);
  const bar = progress.querySelector("progress");
  source.addEventListener("progress", (message) => {
    const [percent, status] = message.data.split(" ");
    bar.value = Number(percent);
    bar.textContent = percent + " %";
    progress.dataset.status = status;
    if (status !== "running") {
      source.close();
      window.location.reload();
    }
  });
  // the stream ends once the export is ready; a reconnect would only repeat the last event
  source.addEventListener("error", () => source.close());
  window.addEventListener("pagehide", () => source.close());
});
