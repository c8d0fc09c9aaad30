// A recipient's signature on a proof of delivery: drawn with a finger, a pen or the mouse
// on the canvas (pointer events), sent as a PNG data URL in the hidden field; and where the
// browser grants it, the place as coordinates.
document.querySelectorAll("[data-proof-form]").forEach((form) => {
  const canvas = form.querySelector("[data-signature-pad]");
  const field = form.querySelector("[data-signature-field]");
  const context = canvas.getContext("2d");
  let drawing = false;
  let signed = false;

  context.lineWidth = 2.5;
  context.lineCap = "round";
  context.lineJoin = "round";
  context.strokeStyle = "#111";

  const point = (event) => {
    const box = canvas.getBoundingClientRect();
    return {
      x: (event.clientX - box.left) * (canvas.width / box.width),
      y: (event.clientY - box.top) * (canvas.height / box.height),
    };
  };

  canvas.addEventListener("pointerdown", (event) => {
    event.preventDefault();
    canvas.setPointerCapture(event.pointerId);
    drawing = true;
    const { x, y } = point(event);
    context.beginPath();
    context.moveTo(x, y);
  });
  canvas.addEventListener("pointermove", (event) => {
    if (!drawing) {
      return;
    }
    const { x, y } = point(event);
    context.lineTo(x, y);
    context.stroke();
    signed = true;
  });
  const stop = () => {
    if (drawing && signed) {
      field.value = canvas.toDataURL("image/png");
    }
    drawing = false;
  };
  canvas.addEventListener("pointerup", stop);
  canvas.addEventListener("pointercancel", stop);
  canvas.addEventListener("pointerleave", stop);

  form.querySelector("[data-signature-clear]").addEventListener("click", () => {
    context.clearRect(0, 0, canvas.width, canvas.height);
    field.value = "";
    signed = false;
  });

  form.addEventListener("submit", () => {
    if (signed) {
      field.value = canvas.toDataURL("image/png");
    }
  });

  const status = form.querySelector("[data-geolocation-status]");
  if (navigator.geolocation && navigator.permissions) {
    // asked only where already granted, so no prompt surprises the driver
    navigator.permissions.query({ name: "geolocation" }).then((permission) => {
      if (permission.state !== "granted") {
        return;
      }
      navigator.geolocation.getCurrentPosition((position) => {
        form.querySelector("[data-latitude]").value = position.coords.latitude.toFixed(6);
        form.querySelector("[data-longitude]").value = position.coords.longitude.toFixed(6);
        status.textContent = status.dataset.located;
      }, () => {});
    }, () => {});
  }
});
