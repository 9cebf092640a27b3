// Client-side zoom (wheel) and pan (drag) for a tree SVG, by rewriting its viewBox. Plain browser
// JavaScript kept as a string so the report stays one offline file; the web UI serves the same code.
export const panZoomScript = `
function enablePanZoom(svg) {
  const initial = svg.viewBox.baseVal;
  let box = { x: initial.x, y: initial.y, w: initial.width, h: initial.height };
  const full = { ...box };
  const apply = () => svg.setAttribute("viewBox", box.x + " " + box.y + " " + box.w + " " + box.h);
  const toSvg = (event) => {
    const rect = svg.getBoundingClientRect();
    const scale = Math.max(box.w / rect.width, box.h / rect.height);
    const offsetX = (rect.width * scale - box.w) / 2;
    const offsetY = (rect.height * scale - box.h) / 2;
    return { x: box.x - offsetX + (event.clientX - rect.left) * scale, y: box.y - offsetY + (event.clientY - rect.top) * scale, scale };
  };
  svg.addEventListener("wheel", (event) => {
    event.preventDefault();
    const at = toSvg(event);
    const factor = event.deltaY > 0 ? 1.2 : 1 / 1.2;
    box = { x: at.x - (at.x - box.x) * factor, y: at.y - (at.y - box.y) * factor, w: box.w * factor, h: box.h * factor };
    apply();
  }, { passive: false });
  let drag = null;
  svg.addEventListener("pointerdown", (event) => {
    const rect = svg.getBoundingClientRect();
    drag = { x: event.clientX, y: event.clientY, box: { ...box }, perPixel: Math.max(box.w / rect.width, box.h / rect.height) };
  });
  svg.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const dx = (event.clientX - drag.x) * drag.perPixel;
    const dy = (event.clientY - drag.y) * drag.perPixel;
    // A click that wiggles a pixel is still a click; only real drags pan.
    if (Math.abs(event.clientX - drag.x) + Math.abs(event.clientY - drag.y) < 4) return;
    box = { ...drag.box, x: drag.box.x - dx, y: drag.box.y - dy };
    apply();
  });
  const end = () => { drag = null; };
  svg.addEventListener("pointerup", end);
  svg.addEventListener("pointerleave", end);
  return { reset() { box = { ...full }; apply(); } };
}
`;
