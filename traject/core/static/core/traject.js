// Traject: progressive enhancement only; every page works without JavaScript.
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target && target.id === "language-select" && target.form) {
    target.form.submit();
  }
});
