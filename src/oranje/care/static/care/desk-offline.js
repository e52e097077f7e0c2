// The desk that works when the hall's wifi does not (see care/views/desk_offline.py).
//
// - Registers the desk's service worker, which keeps the check-in page and its files.
// - A check-in saved without a connection (or whose post fails) goes into IndexedDB under
//   its client key (a uuid made here), the form empties for the next household, and the
//   list "Not yet sent (N)" shows it.
// - When the connection returns (the online event, and a retry timer while anything waits)
//   the queue is sent in batches; per item the server answers written / already written /
//   full / invalid. Only written items leave the queue; the others stay as conflicts until
//   the desk sends them again or removes them. The same client key is sent on every retry,
//   so a household is never checked in twice.
(function () {
  "use strict";

  var box = document.getElementById("desk-queue");
  if (!box || !window.indexedDB) return;
  var syncUrl = box.getAttribute("data-sync-url");
  var scope = box.getAttribute("data-scope");
  var DB = "oranje-balie";
  var STORE = "checkins";
  var BATCH = 25;
  var PARALLEL = 3;
  var RETRY_MS = 10000;
  var syncing = null;
  var timer = null;

  function t(name) {
    return box.getAttribute("data-t-" + name) || "";
  }

  function part(name) {
    return box.querySelector("[data-" + name + "]");
  }

  // ------------------------------------------------------------ IndexedDB

  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: "client_key" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function withStore(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var request = work(tx.objectStore(STORE));
        tx.oncomplete = function () {
          db.close();
          resolve(request ? request.result : undefined);
        };
        tx.onerror = function () { db.close(); reject(tx.error); };
        tx.onabort = function () { db.close(); reject(tx.error); };
      });
    });
  }

  function queued() {
    return withStore("readonly", function (store) { return store.getAll(); }).then(function (items) {
      return items
        .filter(function (item) { return item.sync_url === syncUrl; })
        .sort(function (a, b) { return a.created - b.created; });
    });
  }

  function keep(item) {
    return withStore("readwrite", function (store) { return store.put(item); });
  }

  function drop(key) {
    return withStore("readwrite", function (store) { return store.delete(key); });
  }

  // ------------------------------------------------------------ the form

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function freshKey(form) {
    var field = form.querySelector("input[name=client_key]");
    if (field) field.value = newKey();
  }

  function fieldsOf(form, submitter) {
    var fields = {};
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken" && typeof value === "string") fields[name] = value;
    });
    if (submitter && submitter.name) fields[submitter.name] = submitter.value;
    return fields;
  }

  function label(fields) {
    var names = [];
    for (var n = 1; n <= 30; n++) {
      var name = [fields["p" + n + "-given_names"], fields["p" + n + "-prefix"], fields["p" + n + "-surname"]]
        .filter(Boolean).join(" ");
      if (name) names.push(name);
    }
    return (fields["household-name"] ? fields["household-name"] + ": " : "") +
      (names.join(", ") || t("household"));
  }

  function emptyForm(form) {
    var blocks = form.querySelectorAll("[data-person]");
    for (var i = 1; i < blocks.length; i++) blocks[i].remove();
    form.reset();
    var count = form.querySelector("[data-persons]");
    if (count) count.value = "1";
    freshKey(form);
    var first = form.querySelector("input:not([type=hidden])");
    if (first) first.focus();
  }

  function enqueue(form, submitter) {
    var fields = fieldsOf(form, submitter);
    var key = fields.client_key || newKey();
    fields.client_key = key;
    var item = {
      client_key: key,
      fields: fields,
      sync_url: syncUrl,
      created: Date.now(),
      state: "pending",
      label: label(fields),
      message: "",
    };
    return keep(item).then(function () {
      emptyForm(form);
      say(t("queued"));
      return show();
    }).then(plan);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || form.id !== "checkin-form") return;
    var submitter = event.submitter || null;
    // "Add a person" and "to the other shelter's desk" stay the server's.
    if (submitter && submitter.name && submitter.name !== "save") return;
    if (form.getAttribute("data-direct") === "1") {
      form.removeAttribute("data-direct");
      return;
    }
    event.preventDefault();
    if (!navigator.onLine) {
      enqueue(form, submitter);
      return;
    }
    var body = new FormData(form);
    if (submitter && submitter.name) body.append(submitter.name, submitter.value);
    fetch(form.action || window.location.href, {
      method: "POST",
      body: body,
      credentials: "same-origin",
    }).then(function (response) {
      var to = new URL(response.url);
      if (response.ok && response.redirected && to.pathname.indexOf(scope) === 0) {
        window.location.assign(response.url);
        return;
      }
      // The server answered with the form (field errors, a full shelter) or the login:
      // post it as the page would, for the page the server makes of it (same client key,
      // so nothing is written twice).
      form.setAttribute("data-direct", "1");
      if (submitter) form.requestSubmit(submitter);
      else form.requestSubmit();
    }, function () {
      enqueue(form, submitter);
    });
  });

  // ------------------------------------------------------------ sending

  function csrfToken() {
    var found = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (found) return decodeURIComponent(found[1]);
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function errorsText(errors) {
    var lines = [];
    Object.keys(errors || {}).forEach(function (name) {
      [].concat(errors[name]).forEach(function (message) { lines.push(String(message)); });
    });
    return lines.join(" ");
  }

  function settle(item, result) {
    if (result.outcome === "written" || result.outcome === "replayed") {
      return drop(item.client_key).then(function () { return 1; });
    }
    item.state = "conflict";
    item.outcome = result.outcome;
    item.message = result.message || errorsText(result.errors);
    return keep(item).then(function () { return 0; });
  }

  function send(batch) {
    return fetch(syncUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify({
        items: batch.map(function (item) {
          return { client_key: item.client_key, fields: item.fields };
        }),
      }),
    }).then(function (response) {
      var json = (response.headers.get("Content-Type") || "").indexOf("json") >= 0;
      if (!response.ok || !json) {
        var login = response.status === 403 || response.redirected || !json;
        throw new Error(login ? "login" : "failed");
      }
      return response.json();
    }).then(function (answer) {
      var results = answer.results || [];
      return Promise.all(batch.map(function (item, n) {
        var result = results[n];
        if (!result || (result.client_key && result.client_key !== item.client_key)) return 0;
        return settle(item, result);
      }));
    }).then(function (counts) {
      return counts.reduce(function (a, b) { return a + b; }, 0);
    });
  }

  function sendAll() {
    if (syncing) return syncing;
    if (!navigator.onLine) return Promise.resolve();
    syncing = queued().then(function (items) {
      var pending = items.filter(function (item) { return item.state === "pending"; });
      var batches = [];
      for (var i = 0; i < pending.length; i += BATCH) batches.push(pending.slice(i, i + BATCH));
      if (!batches.length) return;
      var sent = 0;
      var problem = "";
      function lane() {
        var batch = batches.shift();
        if (!batch) return Promise.resolve();
        return send(batch).then(function (n) { sent += n; }, function (error) {
          problem = error && error.message === "login" ? t("login") : t("failed");
          batches.length = 0;
        }).then(lane);
      }
      var lanes = [];
      for (var n = 0; n < PARALLEL; n++) lanes.push(lane());
      return Promise.all(lanes).then(function () {
        say(problem || (sent ? t("sent").replace("{n}", String(sent)) : ""));
      });
    }).then(show, show).then(function () {
      syncing = null;
      plan();
    });
    return syncing;
  }

  function plan() {
    queued().then(function (items) {
      var waiting = items.some(function (item) { return item.state === "pending"; });
      if (waiting && !timer) {
        timer = window.setInterval(sendAll, RETRY_MS);
      } else if (!waiting && timer) {
        window.clearInterval(timer);
        timer = null;
      }
    });
  }

  // ------------------------------------------------------------ showing

  function say(text) {
    part("queue-state").textContent = text || "";
  }

  function row(item, conflict) {
    var li = document.createElement("li");
    li.setAttribute("data-key", item.client_key);
    var name = document.createElement("strong");
    name.textContent = item.label;
    li.appendChild(name);
    var when = document.createElement("span");
    when.className = "muted";
    when.textContent = " " + new Date(item.created).toLocaleTimeString("nl-NL", { hour: "2-digit", minute: "2-digit" });
    li.appendChild(when);
    if (conflict) {
      var why = document.createElement("p");
      why.className = "desk-conflict-message";
      why.textContent = item.message;
      li.appendChild(why);
      [["retry", "data-retry"], ["discard", "data-discard"]].forEach(function (pair) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "btn secondary small";
        button.setAttribute(pair[1], item.client_key);
        button.textContent = t(pair[0]);
        li.appendChild(button);
      });
    }
    return li;
  }

  function show() {
    return queued().then(function (items) {
      var pending = items.filter(function (item) { return item.state === "pending"; });
      var conflicts = items.filter(function (item) { return item.state === "conflict"; });
      part("pending-count").textContent = String(pending.length);
      part("conflict-count").textContent = String(conflicts.length);
      part("pending-list").replaceChildren.apply(part("pending-list"), pending.map(function (i) { return row(i, false); }));
      part("conflict-list").replaceChildren.apply(part("conflict-list"), conflicts.map(function (i) { return row(i, true); }));
      part("pending-part").hidden = !pending.length;
      part("conflict-part").hidden = !conflicts.length;
      box.hidden = !items.length && !part("queue-state").textContent;
      box.setAttribute("data-pending", String(pending.length));
      box.setAttribute("data-conflicts", String(conflicts.length));
    });
  }

  box.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    if (target.closest("[data-sync-now]")) {
      sendAll();
      return;
    }
    var retry = target.getAttribute("data-retry");
    var discard = target.getAttribute("data-discard");
    if (!retry && !discard) return;
    queued().then(function (items) {
      var item = items.filter(function (i) { return i.client_key === (retry || discard); })[0];
      if (!item) return;
      if (discard) {
        if (window.confirm(t("confirm"))) return drop(item.client_key).then(show);
        return;
      }
      item.state = "pending";
      item.message = "";
      return keep(item).then(show).then(sendAll);
    });
  });

  window.addEventListener("online", function () {
    say("");
    sendAll();
  });
  window.addEventListener("offline", function () {
    say(t("offline"));
    box.hidden = false;
  });

  // ------------------------------------------------------------ the service worker

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.kept) {
        var ready = document.getElementById("desk-offline-ready");
        if (ready) ready.hidden = false;
        box.setAttribute("data-offline-ready", "1");
      }
    });
    navigator.serviceWorker
      .register(box.getAttribute("data-worker-url"), { scope: scope })
      .then(function () { return navigator.serviceWorker.ready; })
      .then(function (registration) {
        var files = [window.location.pathname];
        document.querySelectorAll("script[src], link[rel=stylesheet][href]").forEach(function (el) {
          files.push(el.src || el.href);
        });
        if (registration.active) registration.active.postMessage({ keep: files });
      })
      .catch(function () {});
  }

  var form = document.getElementById("checkin-form");
  if (form) freshKey(form);
  if (!navigator.onLine) say(t("offline"));
  show().then(sendAll);
})();
