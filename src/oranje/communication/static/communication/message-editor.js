// The message editor's live readability and lengths per channel, while typing.
// The same rules as communication/readability.py (Flesch–Douma with Dutch syllables; see its
// docstring); the tests hold both to the same sentences. No inline script: loaded with
// <script src defer> from the editor's page, it finds the form by data-message-editor.
(function () {
  "use strict";

  var GROUPS = ["aai", "ooi", "oei", "eeu", "ieu", "eau", "ij", "ei", "ui", "au", "ou", "oe",
    "eu", "ie", "aa", "ee", "oo", "uu"];
  var VOWELS = "aeiouy";
  var DIAERESIS = "äëïöü";
  var LOANWORDS = { update: 2, updates: 2, website: 2, websites: 2, online: 2, offline: 2,
    service: 2, software: 2, live: 1, site: 1, sites: 1, app: 1 };
  var LONG_SENTENCE = 20;
  var LONG_WORD = 4;
  var BANDS = [[80, "A2"], [65, "B1"], [50, "B2"], [30, "C1"]];
  var ORDER = ["A2", "B1", "B2", "C1", "C2"];
  var WORD = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*|\d+(?:[.,]\d+)*/gu;
  var SENTENCE_END = /[.!?]+(?=\s+[A-Z0-9À-Ý"'‘“(]|\s*$)/;
  var GSM7_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  var GSM7_EXTENDED = "^{}\\[~]|€\f";

  function vowelGroups(part) {
    var word = part.toLowerCase();
    if (Object.prototype.hasOwnProperty.call(LOANWORDS, word)) return LOANWORDS[word];
    var count = 0, i = 0, n = word.length;
    while (i < n) {
      var ch = word[i];
      if (DIAERESIS.indexOf(ch) >= 0) { count += 1; i += 1; continue; }
      if (VOWELS.indexOf(ch) < 0 || (ch === "y" && i === 0 && n > 1 && VOWELS.indexOf(word[1]) >= 0)) {
        i += 1; continue;
      }
      var j = i + 1;
      while (j < n && (VOWELS.indexOf(word[j]) >= 0 || (word[j] === "j" && word[j - 1] === "i"))) j += 1;
      var run = word.slice(i, j), k = 0;
      while (k < run.length) {
        var matched = false;
        for (var g = 0; g < GROUPS.length; g++) {
          if (run.startsWith(GROUPS[g], k)) { k += GROUPS[g].length; matched = true; break; }
        }
        if (!matched) k += 1;
        count += 1;
      }
      i = j;
    }
    return count;
  }

  function syllables(word) {
    if (/^\d/.test(word)) return 1;
    var total = 0;
    word.split("-").forEach(function (part) {
      var sum = 0;
      part.split(/['’]/).forEach(function (piece) { if (piece) sum += vowelGroups(piece); });
      total += Math.max(1, sum);
    });
    return Math.max(total, 1);
  }

  function words(text) { return text.normalize("NFC").match(WORD) || []; }

  function sentences(text) {
    var found = [];
    text.normalize("NFC").split(/\r\n|\r|\n/).forEach(function (line) {
      line.split(SENTENCE_END).forEach(function (piece) {
        if (words(piece).length) found.push(piece.trim());
      });
    });
    return found;
  }

  function levelOf(score) {
    for (var b = 0; b < BANDS.length; b++) if (score >= BANDS[b][0]) return BANDS[b][1];
    return "C2";
  }

  function readability(text) {
    var counts = sentences(text).map(function (s) { return words(s).map(syllables); });
    var nWords = 0, nSyll = 0, longWords = 0, longSentences = 0;
    counts.forEach(function (c) {
      nWords += c.length;
      if (c.length > LONG_SENTENCE) longSentences += 1;
      c.forEach(function (s) { nSyll += s; if (s >= LONG_WORD) longWords += 1; });
    });
    if (!nWords) return null;
    var score = 206.835 - 0.93 * (nWords / counts.length) - 77 * (nSyll / nWords);
    score = Math.round(score * 10) / 10;
    return { words: nWords, sentences: counts.length, syllables: nSyll, score: score,
      level: levelOf(score), longWords: longWords, longSentences: longSentences };
  }

  function smsLength(text) {
    var gsm = true, length = 0;
    for (var ch of text) {
      if (GSM7_EXTENDED.indexOf(ch) >= 0) length += 2;
      else if (GSM7_BASIC.indexOf(ch) >= 0) length += 1;
      else { gsm = false; break; }
    }
    if (gsm) return { encoding: "GSM-7", length: length, parts: !text ? 0 : length <= 160 ? 1 : Math.ceil(length / 153) };
    length = text.length; // UTF-16 code units, as UCS-2 counts them
    return { encoding: "UCS-2", length: length, parts: length <= 70 ? 1 : Math.ceil(length / 67) };
  }

  function joined(parts) {
    return parts.map(function (p) { return p.trim(); }).filter(function (p) { return p; }).join("\n");
  }

  function fill(el, template, values) {
    el.textContent = template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function setUp(form) {
    var field = function (name) { return form.querySelector("[name='" + name + "']"); };
    var out = document.getElementById(form.getAttribute("data-message-editor"));
    if (!out) return;
    var texts = JSON.parse(out.getAttribute("data-texts"));
    var update = function () {
      var value = function (name) { var f = field(name); return f ? f.value : ""; };
      var title = value("title"), text = value("text"), instruction = value("instruction");
      var result = readability([title, text, instruction].join("\n"));
      var level = out.querySelector("[data-level]");
      if (!result) {
        level.textContent = texts.empty;
        level.className = "tag";
      } else {
        fill(level, texts.level, { level: result.level, score: Math.round(result.score) });
        level.className = "tag " + (ORDER.indexOf(result.level) <= ORDER.indexOf("B1") ? "ok" : "bad");
        level.setAttribute("data-score", String(result.score));
      }
      fill(out.querySelector("[data-details]"), texts.details, {
        words: result ? result.words : 0,
        sentences: result ? result.sentences : 0,
        long_words: result ? Math.round(100 * result.longWords / result.words) : 0,
        long_sentences: result ? result.longSentences : 0,
      });
      var social = value("social_text").trim().length;
      var alert = joined([title, text, instruction]).length;
      var sms = smsLength(joined([title, text]));
      var rows = { social: [social, 280], nlalert: [alert, 1395] };
      Object.keys(rows).forEach(function (key) {
        var cell = out.querySelector("[data-channel='" + key + "']");
        cell.textContent = rows[key][0] + " / " + rows[key][1];
        cell.className = rows[key][0] > rows[key][1] ? "tag bad" : "tag ok";
      });
      fill(out.querySelector("[data-channel='sms']"),
        sms.parts === 1 ? texts.sms_one : texts.sms_many,
        { length: sms.length, parts: sms.parts, encoding: sms.encoding });
    };
    ["title", "text", "instruction", "social_text"].forEach(function (name) {
      var f = field(name);
      if (f) f.addEventListener("input", update);
    });
    update();
  }

  function start() {
    document.querySelectorAll("form[data-message-editor]").forEach(setUp);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();

  // For the tests: the same counting, reachable from the page.
  window.oranjeReadability = { syllables: syllables, readability: readability, smsLength: smsLength };
})();
