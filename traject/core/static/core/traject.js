// Traject: progressive enhancement only; every page works without JavaScript.
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target && target.id === "language-select" && target.form) {
    target.form.submit();
  }
});
// Wide tables: show the "scroll sideways" hint only where the table does not fit.
function trajectMarkOverflow() {
  document.querySelectorAll(".table-wrap").forEach(function (box) {
    box.classList.toggle("overflowing", box.scrollWidth > box.clientWidth + 1);
  });
}
document.addEventListener("DOMContentLoaded", trajectMarkOverflow);
window.addEventListener("resize", trajectMarkOverflow);
document.addEventListener("htmx:afterSettle", trajectMarkOverflow);
