// The coach's page: the rasa-webchat widget, a step panel, a reconnect notice, quick exit.
(function () {
  "use strict";
  var STEPS = ["Give them space", "Work on yourself", "Stay active", "Think of solutions",
    "Let them see you're doing well", "Initiate contact", "Keep the conversation going",
    "Tell them how you feel", "Set a date", "Address the issue",
    "Keep your expectations at bay", "Avoid physical intimacy", "End on a positive note"];
  var STORAGE_KEY = "chat_session";  // where rasa-webchat keeps the session id and history
  var STEP_KEY = "coach_step";
  var list = document.getElementById("step-list");
  var status = document.getElementById("status");

  function showStep(current) {
    list.innerHTML = "";
    STEPS.forEach(function (title, i) {
      var li = document.createElement("li");
      li.textContent = title;
      if (i + 1 < current) li.className = "done";
      if (i + 1 === current) { li.className = "current"; li.setAttribute("aria-current", "step"); }
      list.appendChild(li);
    });
    document.getElementById("steps").setAttribute("data-current-step", String(current));
    document.getElementById("step-now").textContent = current
      ? "Step " + current + " of 13: " + STEPS[current - 1]
      : "The 13 steps start after a few questions";
  }

  function stepIn(text) {
    var m = /Step (\d{1,2}) of 13/.exec(text || "");
    return m ? parseInt(m[1], 10) : 0;
  }

  showStep(parseInt(localStorage.getItem(STEP_KEY) || "0", 10));

  window.WebChat.default({
    socketUrl: window.COACH.socketUrl,
    socketPath: "/socket.io/",
    embedded: true,
    title: "Your coach",
    subtitle: "one step at a time",
    inputTextFieldHint: "Type a message…",
    initPayload: "/greet",
    showMessageDate: false,
    params: { storage: "local" },
    onSocketEvent: {
      bot_uttered: function (message) {
        var step = stepIn(message && message.text);
        if (step) { localStorage.setItem(STEP_KEY, String(step)); showStep(step); }
      },
      connect: function () { status.hidden = true; },
      disconnect: function () { status.hidden = false; },
      connect_error: function () { status.hidden = false; }
    }
  }, document.getElementById("chat"));

  // Leave at once: forget the session on this device, empty the page, go somewhere neutral.
  document.getElementById("quick-exit").addEventListener("click", function () {
    try {
      localStorage.removeItem(STORAGE_KEY);
      localStorage.removeItem(STEP_KEY);
      sessionStorage.clear();
    } catch (e) { /* storage may be blocked; leave anyway */ }
    document.body.innerHTML = "";
    window.location.replace(window.COACH.exitUrl);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && e.shiftKey) document.getElementById("quick-exit").click();
  });
})();
