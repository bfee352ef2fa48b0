// Sends the review form to the v1 API with the key in X-API-Key, then reloads to show it.
(function () {
  "use strict";
  var form = document.getElementById("review-form");
  if (!form) return;
  var status = document.getElementById("review-status");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var data = new FormData(form);
    var body = {
      rating: parseInt(data.get("rating"), 10),
      authorName: data.get("authorName"),
      title: data.get("title"),
      body: data.get("body"),
      useCase: data.get("useCase")
    };
    status.textContent = "Sending…";
    fetch(form.dataset.endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-API-Key": data.get("apiKey") },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (payload) { return { ok: response.ok, payload: payload }; });
    }).then(function (result) {
      if (result.ok) {
        status.textContent = "Thank you: your review is saved.";
        window.location.reload();
        return;
      }
      var error = result.payload.error || {};
      var details = error.details ? " " + JSON.stringify(error.details) : "";
      status.textContent = (error.message || "The review was not saved.") + details;
    }).catch(function () {
      status.textContent = "The review could not be sent; try again.";
    });
  });
})();
