/* @mentions in comment boxes: typing "@" and letters in a textarea (or input) that carries
   data-mention-url offers the mentorship's participants, fetched once as JSON from that address.
   The ARIA 1.2 combobox pattern: the box is the combobox, the list a listbox; arrows move, Enter
   or Tab chooses, Escape closes. Works on boxes added later by htmx (events are delegated).
   No third-party code; without JavaScript a mention is simply typed. */
(function () {
  "use strict";

  var cache = {};
  var state = null; // {box, list, start, items, active}
  var counter = 0;

  function people(url) {
    if (!cache[url]) {
      cache[url] = fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (r) { return r.ok ? r.json() : {people: []}; })
        .then(function (data) { return data.people || []; })
        .catch(function () { delete cache[url]; return []; });
    }
    return cache[url];
  }

  // The "@word" being typed just before the caret, or null. An "@" inside a word or an e-mail
  // address starts nothing.
  function query(box) {
    var caret = box.selectionStart;
    if (caret === null || caret !== box.selectionEnd) { return null; }
    var before = box.value.slice(0, caret);
    var at = before.lastIndexOf("@");
    if (at < 0) { return null; }
    if (at > 0 && /[\w@.+-]/.test(before.charAt(at - 1))) { return null; }
    var typed = before.slice(at + 1);
    if (typed.length > 40 || /\n/.test(typed) || /\s\s/.test(typed)) { return null; }
    return {start: at, text: typed};
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function close() {
    if (!state) { return; }
    state.list.remove();
    state.box.setAttribute("aria-expanded", "false");
    state.box.removeAttribute("aria-activedescendant");
    state = null;
  }

  function prepare(box) {
    if (box.getAttribute("role") === "combobox") { return; }
    if (!box.id) { box.id = "mention-box-" + (++counter); }
    box.setAttribute("role", "combobox");
    box.setAttribute("aria-autocomplete", "list");
    box.setAttribute("aria-expanded", "false");
    box.setAttribute("aria-controls", box.id + "-people");
  }

  function show(box, found, start) {
    close();
    if (!found.length) { return; }
    var list = document.createElement("ul");
    list.id = box.id + "-people";
    list.className = "mention-list list-group shadow-sm";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", box.getAttribute("data-mention-label") || box.getAttribute("aria-label") || "");
    list.style.position = "absolute";
    list.style.zIndex = "1050";
    list.style.maxWidth = "min(100vw - 1rem, 24rem)";
    list.style.maxHeight = "14rem";
    list.style.overflowY = "auto";
    found.forEach(function (person, index) {
      var item = document.createElement("li");
      item.id = list.id + "-" + index;
      item.className = "list-group-item list-group-item-action py-1 px-2";
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      var name = document.createElement("span");
      name.textContent = person.name;
      var role = document.createElement("span");
      role.className = "small text-body-secondary ms-2";
      role.textContent = person.role;
      item.appendChild(name);
      item.appendChild(role);
      item.addEventListener("mousedown", function (event) {
        event.preventDefault(); // the box keeps its focus
        choose(index);
      });
      list.appendChild(item);
    });
    var rect = box.getBoundingClientRect();
    list.style.left = Math.max(0, rect.left + window.scrollX) + "px";
    list.style.top = (rect.bottom + window.scrollY) + "px";
    list.style.width = Math.min(rect.width, window.innerWidth - 16) + "px";
    document.body.appendChild(list);
    box.setAttribute("aria-expanded", "true");
    state = {box: box, list: list, start: start, items: found, active: -1};
    move(0);
  }

  function move(index) {
    if (!state) { return; }
    var options = state.list.children;
    if (state.active >= 0 && options[state.active]) {
      options[state.active].setAttribute("aria-selected", "false");
      options[state.active].classList.remove("active");
    }
    state.active = (index + options.length) % options.length;
    var option = options[state.active];
    option.setAttribute("aria-selected", "true");
    option.classList.add("active");
    option.scrollIntoView({block: "nearest"});
    state.box.setAttribute("aria-activedescendant", option.id);
  }

  function choose(index) {
    if (!state) { return; }
    var box = state.box, person = state.items[index];
    var caret = box.selectionStart;
    var inserted = "@" + person.name + " ";
    box.value = box.value.slice(0, state.start) + inserted + box.value.slice(caret);
    var at = state.start + inserted.length;
    close();
    box.focus();
    box.setSelectionRange(at, at);
    box.dispatchEvent(new Event("input", {bubbles: true}));
  }

  document.addEventListener("input", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("[data-mention-url]")) { return; }
    prepare(box);
    var typed = query(box);
    if (!typed) { close(); return; }
    people(box.getAttribute("data-mention-url")).then(function (all) {
      var now = query(box);
      if (!now || now.start !== typed.start || document.activeElement !== box) { return; }
      var wanted = fold(now.text);
      show(box, all.filter(function (person) {
        return fold(person.name).split(/\s+/).some(function (word, i, words) {
          return fold(words.slice(i).join(" ")).indexOf(wanted) === 0;
        }) || fold(person.name).indexOf(wanted) === 0;
      }).slice(0, 8), now.start);
    });
  });

  document.addEventListener("keydown", function (event) {
    if (!state || event.target !== state.box) { return; }
    if (event.key === "ArrowDown") { event.preventDefault(); move(state.active + 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); move(state.active - 1); }
    else if (event.key === "Enter" || event.key === "Tab") {
      if (state.active >= 0) { event.preventDefault(); choose(state.active); }
    } else if (event.key === "Escape") { event.preventDefault(); close(); }
  });

  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-mention-url]")) { prepare(event.target); }
    if (state && event.target !== state.box) { close(); }
  });
  document.addEventListener("focusout", function (event) {
    if (state && event.target === state.box) { window.setTimeout(close, 150); }
  });
  window.addEventListener("resize", close);
})();
