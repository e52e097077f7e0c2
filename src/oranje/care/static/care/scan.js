// The desk's scan page: read a household card's QR code with the tablet's camera and open
// the household. Uses the browser's BarcodeDetector where it reads QR codes, else jsQR
// (served by Oranje: static/care/vendor/jsQR.js, loaded on first use). The typed-code form
// works without any of this.
(function () {
  "use strict";
  var box = document.querySelector("[data-scanner]");
  var form = document.getElementById("code-form");
  if (!box || !form || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
  var input = form.querySelector("input[name=code]");
  var video = box.querySelector("[data-scan-video]");
  var startButton = box.querySelector("[data-scan-start]");
  var stopButton = box.querySelector("[data-scan-stop]");
  var status = box.querySelector("[data-scan-status]");
  var stream = null;
  var timer = null;
  var canvas = document.createElement("canvas");
  box.hidden = false;

  function say(key) {
    status.textContent = box.getAttribute("data-msg-" + key) || "";
  }

  function loadJsQR() {
    if (window.jsQR) return Promise.resolve(window.jsQR);
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = box.getAttribute("data-vendor");
      script.onload = function () { resolve(window.jsQR); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function reader() {
    if ("BarcodeDetector" in window && window.BarcodeDetector.getSupportedFormats) {
      return window.BarcodeDetector.getSupportedFormats().then(function (formats) {
        if (formats.indexOf("qr_code") < 0) return jsQRReader();
        var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
        return function () {
          return detector.detect(video).then(function (codes) {
            return codes.length ? codes[0].rawValue : null;
          });
        };
      }, jsQRReader);
    }
    return jsQRReader();
  }

  function jsQRReader() {
    return loadJsQR().then(function (jsQR) {
      var context = canvas.getContext("2d", { willReadFrequently: true });
      return function () {
        var width = video.videoWidth;
        var height = video.videoHeight;
        if (!width || !height) return Promise.resolve(null);
        canvas.width = width;
        canvas.height = height;
        context.drawImage(video, 0, 0, width, height);
        var found = jsQR(context.getImageData(0, 0, width, height).data, width, height, {
          inversionAttempts: "attemptBoth",
        });
        return Promise.resolve(found ? found.data : null);
      };
    });
  }

  function stop() {
    if (timer) window.clearTimeout(timer);
    timer = null;
    if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
    stream = null;
    video.hidden = true;
    stopButton.hidden = true;
    startButton.hidden = false;
  }

  function found(text) {
    stop();
    input.value = text;
    say("found");
    if (form.requestSubmit) form.requestSubmit();
    else form.submit();
  }

  function start() {
    say("starting");
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (media) {
        stream = media;
        video.srcObject = media;
        video.hidden = false;
        startButton.hidden = true;
        stopButton.hidden = false;
        stopButton.focus();
        return video.play().then(reader);
      })
      .then(function (read) {
        say("reading");
        function tick() {
          if (!stream) return;
          read().then(function (text) {
            if (text) found(text);
            else timer = window.setTimeout(tick, 150);
          }, function () { timer = window.setTimeout(tick, 300); });
        }
        tick();
      })
      .catch(function () {
        stop();
        say("denied");
        input.focus();
      });
  }

  startButton.addEventListener("click", start);
  stopButton.addEventListener("click", function () { stop(); say("stopped"); input.focus(); });
  window.addEventListener("pagehide", stop);
})();
