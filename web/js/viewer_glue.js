// Browser glue of the web viewer, appended after Emscripten's module factory (emcc --extern-post-js) so it
// ends up inside the single HTML page. It starts the wasm viewer on the page's canvas, opens the bundle
// embedded in the page, offers a file picker (the Open button, the O key) and drag-and-drop, and publishes state for
// tests as window.agentreel. It never makes a network request: no fetch, no XHR, no external resources.
(function () {
  'use strict';

  var mod = null;           // the Emscripten module once started
  var pending = [];         // files chosen or dropped before the module was ready
  var fatalMessage = null;  // set when the viewer cannot run at all
  var startedAt = performance.now();
  var openStartedAt = null;  // when the current open began (bytes in hand), for open -> first frame
  var openTiming = {openMs: null, firstFrameMs: null, heapBefore: 0};
  var hashApplied = false;   // the page's #session=..&span=.. is applied once, after the first bundle loads
  var lastHash = null;

  function $(id) { return document.getElementById(id); }

  // `browserProblem`: the browser lacks what the viewer needs (the box says which browsers work); otherwise the
  // viewer stopped for another reason (out of memory, a crash) and the box says only that and why.
  function showFatal(message, browserProblem) {
    fatalMessage = String(message);
    var box = $('agentreel-fatal');
    if (box) {
      $('agentreel-fatal-text').textContent = fatalMessage;
      $('agentreel-fatal-title').textContent =
          browserProblem ? 'The agentreel viewer cannot run here' : 'The agentreel viewer stopped';
      $('agentreel-fatal-hint').hidden = !browserProblem;
      box.hidden = false;
    }
    var loading = $('agentreel-loading');
    if (loading) loading.hidden = true;
    console.error('agentreel: ' + fatalMessage);
  }

  // Same words as the viewer's own out-of-memory report (web_main.cpp), for allocations the page makes.
  function outOfMemoryMessage() {
    var gib = mod ? (mod.HEAPU8.length / (1 << 30)).toFixed(2) : '?';
    return 'The viewer ran out of memory: it holds ' + gib + ' GiB, and a browser page can use at most 4 GiB. ' +
        'Open a smaller bundle, or open this one in the native viewer (agentreel-viewer), which has no such limit.';
  }

  function statusName() {
    if (fatalMessage !== null) return 'fatal';
    if (!mod) return 'starting';
    switch (mod._agentreel_state()) {
      case 0: return 'empty';
      case 1: return 'loaded';
      case 2: return 'error';
      default: return 'starting';
    }
  }

  // Copies `bytes` (a Uint8Array) into the wasm heap and hands ownership to the viewer.
  function openBytes(bytes, name) {
    if (!mod) {
      pending.push(function () { openBytes(bytes, name); });
      return;
    }
    var ptr = mod._malloc(Math.max(bytes.length, 1));
    if (!ptr) {
      showFatal(outOfMemoryMessage() + ' (' + name + ' is ' + bytes.length + ' bytes.)');
      return;
    }
    mod.HEAPU8.set(bytes, ptr);
    callOpen(ptr, bytes.length, name);
  }

  function callOpen(ptr, length, name) {
    openWith(name, function (namePtr) { mod._agentreel_open_bundle(ptr, length, namePtr); },  // takes ptr
             function () { mod._free(ptr); });
  }

  // Runs `open(namePtr)` (a wasm call that opens something named `name`) with the open's timing, the deep link
  // and the page title; `release` frees what open would have taken when the name cannot be allocated.
  function openWith(name, open, release) {
    var began = openStartedAt !== null ? openStartedAt : performance.now();
    openStartedAt = null;
    openTiming = {openMs: null, firstFrameMs: null, heapBefore: mod._agentreel_heap_in_use()};
    var encoded = new TextEncoder().encode(String(name || ''));
    var namePtr = mod._malloc(encoded.length + 1);
    if (!namePtr) {
      release();
      showFatal(outOfMemoryMessage());
      return;
    }
    mod.HEAPU8.set(encoded, namePtr);
    mod.HEAPU8[namePtr + encoded.length] = 0;
    open(namePtr);
    mod._free(namePtr);
    openTiming.openMs = performance.now() - began;
    var framesAtOpen = mod._agentreel_frame_count();
    (function waitFirstFrame() {
      if (mod._agentreel_frame_count() > framesAtOpen) {
        openTiming.firstFrameMs = performance.now() - began;
      } else {
        requestAnimationFrame(waitFirstFrame);
      }
    })();
    if (statusName() === 'loaded' && !hashApplied) {
      hashApplied = true;
      applyHash();
    }
    document.title = statusName() === 'loaded' && name ? name + ' \u2014 agentreel' : 'agentreel';
  }

  // The bundle that `agentreel html` embedded as base64, decoded in chunks straight into the wasm heap.
  function openEmbeddedBundle() {
    var element = $('agentreel-bundle');
    if (!element) return;
    openStartedAt = performance.now();
    var text = element.textContent || '';
    var name = element.getAttribute('data-name') || '';  // '': the viewer names it after its inputs
    var notBase64 = function () {
      openStartedAt = null;
      var bad = text.search(/[^A-Za-z0-9+\/=\s]/);
      var why = bad >= 0 ? 'character ' + bad + ' (code ' + text.charCodeAt(bad) + ') is not base64'
                         : 'its padding is misplaced or it is cut short';
      withCString(name || 'embedded bundle', function (namePtr) {
        withCString('the bundle embedded in this page is not valid base64: ' + why + ' (' + text.length +
                    ' characters). The page was damaged or edited; make it again with `agentreel html`.',
                    function (messagePtr) { mod._agentreel_show_error(namePtr, messagePtr); });
      });
    };
    if (text.trim().length === 0) return;
    // At most 3 bytes per 4 characters (whitespace, which HTML may add, only makes it fewer).
    var room = Math.floor(text.length / 4) * 3 + 3;
    var ptr = mod._malloc(room);
    if (!ptr) {
      showFatal(outOfMemoryMessage() + ' (The embedded bundle is about ' + room + ' bytes.)');
      return;
    }
    var decoded = decodeBase64Into(text, ptr, room);
    if (decoded < 0) {
      mod._free(ptr);
      if (decoded === -2) showFatal(outOfMemoryMessage());
      else notBase64();
      return;
    }
    callOpen(ptr, decoded, name);
  }

  // Decodes base64 `text` into the heap at `ptr` (room for `room` bytes); returns the byte count, -1 when the
  // text is not base64, -2 when out of memory. The browser's own decoder (Uint8Array.prototype.setFromBase64)
  // where there is one; else the text goes into the heap piece by piece (encodeInto writes base64's ASCII one
  // byte per character) and the viewer's decoder (core/base64.h) appends its bytes at `ptr`.
  function decodeBase64Into(text, ptr, room) {
    var target = mod.HEAPU8.subarray(ptr, ptr + room);
    if (typeof target.setFromBase64 === 'function' && !window.agentreelForceWasmBase64) {
      try {
        var native = target.setFromBase64(text, {lastChunkHandling: 'strict'});
        return native.read === text.length && native.written > 0 ? native.written : -1;
      } catch (e) {
        return -1;
      }
    }
    var piece = 1 << 20;
    var scratch = mod._malloc(piece);
    if (!scratch) return -2;
    var encoder = new TextEncoder();
    var at = 0;
    var ok = true;
    mod._agentreel_base64_begin();
    for (var i = 0; ok && i < text.length; i += piece) {
      var slice = text.slice(i, i + piece);
      var result = encoder.encodeInto(slice, mod.HEAPU8.subarray(scratch, scratch + piece));
      // Only a character outside ASCII (never base64) takes more than one byte and can leave some unread.
      var made = result.read === slice.length ? mod._agentreel_base64_feed(scratch, result.written, ptr + at) : -1;
      if (made < 0) ok = false; else at += made;
    }
    mod._free(scratch);
    return ok && mod._agentreel_base64_end() && at > 0 ? at : -1;
  }

  // The font subsets `agentreel html` put in the page (<script class="agentreel-font" data-name=...>, base64):
  // glyphs for the bundle's scripts beyond the viewer's embedded Latin fonts. A damaged one is skipped (its
  // characters then draw as '?'); the viewer copies the bytes.
  function addPageFonts() {
    var elements = document.querySelectorAll('script.agentreel-font');
    for (var i = 0; i < elements.length; i++) {
      var text = elements[i].textContent || '';
      var room = Math.floor(text.length / 4) * 3 + 3;
      var ptr = text.trim().length > 0 ? mod._malloc(room) : 0;
      if (!ptr) continue;
      var decoded = decodeBase64Into(text, ptr, room);
      if (decoded > 0) {
        withCString(elements[i].getAttribute('data-name') || 'page font', function (namePtr) {
          mod._agentreel_add_font(ptr, decoded, namePtr);
        });
      } else {
        console.warn('agentreel: font element ' + i + ' is not valid base64; its characters will show as ?');
      }
      mod._free(ptr);
    }
  }

  var kBundleMagic = [0x89, 0x52, 0x45, 0x45, 0x4c, 0x0d, 0x0a, 0x1a];  // docs/bundle-format.md

  function isBundle(bytes, name) {
    if (/\.reel$/i.test(name)) return true;  // a damaged bundle is reported as one, not read as a log
    if (bytes.length < kBundleMagic.length) return false;
    for (var i = 0; i < kBundleMagic.length; ++i) {
      if (bytes[i] !== kBundleMagic[i]) return false;
    }
    return true;
  }

  // Opens what was picked or dropped: `entries` are {file, path, inFolder} (path relative to what was dropped).
  // One bundle opens as a bundle; anything else (agent logs: one file, several, or folders) is converted into a
  // bundle inside the page by the same readers as `agentreel convert`, and opened. Nothing is uploaded.
  function openFiles(entries) {
    if (!entries || entries.length === 0) return;
    var began = performance.now();
    Promise.all(entries.map(function (entry) { return entry.file.arrayBuffer(); })).then(function (buffers) {
      var arrays = buffers.map(function (buffer) { return new Uint8Array(buffer); });
      openStartedAt = began;
      if (entries.length === 1 && !entries[0].inFolder && isBundle(arrays[0], entries[0].file.name)) {
        openBytes(arrays[0], entries[0].file.name);
        return;
      }
      var name = entries.length === 1 ? entries[0].path : entries[0].path.split('/')[0] + (
          entries[0].inFolder ? '' : ' and ' + (entries.length - 1) + ' more');
      openLogs(entries.map(function (entry, i) {
        return {path: entry.path, bytes: arrays[i], inFolder: entry.inFolder};
      }), name);
    }, function (error) {
      showFatal('Could not read ' + entries[0].path + ': ' + error);
    });
  }

  function openLogs(logs, name) {
    if (!mod) {
      pending.push(function () { openLogs(logs, name); });
      return;
    }
    for (var i = 0; i < logs.length; ++i) {
      var ptr = mod._malloc(Math.max(logs[i].bytes.length, 1));
      if (!ptr) {
        showFatal(outOfMemoryMessage() + ' (' + logs[i].path + ' is ' + logs[i].bytes.length + ' bytes.)');
        return;
      }
      mod.HEAPU8.set(logs[i].bytes, ptr);
      var inFolder = logs[i].inFolder ? 1 : 0;
      var length = logs[i].bytes.length;
      withCString(logs[i].path, function (pathPtr) { mod._agentreel_logs_add(pathPtr, ptr, length, inFolder); });
      logs[i].bytes = null;  // the heap holds it now
    }
    openWith(name, function (namePtr) { mod._agentreel_logs_open(namePtr); }, function () {});
  }

  // The files of a drop, folders walked (webkitGetAsEntry, in every current browser), in name order.
  function droppedEntries(transfer) {
    var items = transfer && transfer.items ? Array.prototype.slice.call(transfer.items) : [];
    var roots = items.map(function (item) { return item.webkitGetAsEntry ? item.webkitGetAsEntry() : null; });
    if (roots.length === 0 || roots.some(function (root) { return !root; })) {
      var files = transfer && transfer.files ? Array.prototype.slice.call(transfer.files) : [];
      return Promise.resolve(files.map(function (file) { return {file: file, path: file.name, inFolder: false}; }));
    }
    function walk(entry, inFolder) {
      if (entry.isFile) {
        return new Promise(function (resolve, reject) { entry.file(resolve, reject); }).then(function (file) {
          return [{file: file, path: entry.fullPath.replace(/^\//, ''), inFolder: inFolder}];
        });
      }
      var reader = entry.createReader();
      var children = [];
      // readEntries returns a batch at a time, an empty one at the end.
      function more() {
        return new Promise(function (resolve, reject) { reader.readEntries(resolve, reject); }).then(function (batch) {
          if (batch.length === 0) return children;
          children = children.concat(batch);
          return more();
        });
      }
      return more().then(function (all) {
        all.sort(function (a, b) { return a.name < b.name ? -1 : a.name > b.name ? 1 : 0; });
        return Promise.all(all.map(function (child) { return walk(child, true); })).then(function (lists) {
          return [].concat.apply([], lists);
        });
      });
    }
    return Promise.all(roots.map(function (root) { return walk(root, root.isDirectory); })).then(function (lists) {
      return [].concat.apply([], lists);
    });
  }

  // Copy for the viewer's Copy buttons: the async clipboard API, else a hidden textarea and execCommand.
  function copyText(text) {
    function fallback() {
      var area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      try { document.execCommand('copy'); } catch (e) { /* nothing more to try */ }
      document.body.removeChild(area);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).catch(fallback);
    } else {
      fallback();
    }
  }

  function pickFile() {
    var input = $('agentreel-file');
    if (input) input.click();
  }

  function installPageHandlers() {
    var input = $('agentreel-file');
    input.addEventListener('change', function () {
      var files = input.files ? Array.prototype.slice.call(input.files) : [];
      openFiles(files.map(function (file) { return {file: file, path: file.name, inFolder: false}; }));
      input.value = '';
    });
    var drop = $('agentreel-drop');
    var depth = 0;
    function hasFiles(event) {
      var types = event.dataTransfer && event.dataTransfer.types;
      return types && Array.prototype.indexOf.call(types, 'Files') >= 0;
    }
    window.addEventListener('dragenter', function (event) {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth++;
      drop.hidden = false;
    });
    window.addEventListener('dragover', function (event) {
      if (!hasFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    });
    window.addEventListener('dragleave', function () {
      if (--depth <= 0) { depth = 0; drop.hidden = true; }
    });
    window.addEventListener('drop', function (event) {
      event.preventDefault();
      depth = 0;
      drop.hidden = true;
      droppedEntries(event.dataTransfer).then(openFiles, function (error) {
        showFatal('Could not read what was dropped: ' + error);
      });
    });
    // "O" opens the file chooser (unless a text box of the viewer has the keyboard). Handled here, in the key
    // event, because a chooser needs the user activation that only a keydown gives; Ctrl+O / Cmd+O are tried
    // too, but browsers reserve them and may not allow it.
    window.addEventListener('keydown', function (event) {
      if (event.key !== 'o' && event.key !== 'O') return;
      if (event.altKey || event.shiftKey) return;
      var target = event.target;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      // Typing into the viewer's own find box: the letter is text, not the shortcut.
      if (mod && mod._agentreel_wants_text_input()) return;
      event.preventDefault();
      event.stopPropagation();
      // Chromium grants the keydown's activation only after its handlers ran: open the chooser right after.
      setTimeout(pickFile, 0);
    }, true);
    $('canvas').addEventListener('contextmenu', function (event) { event.preventDefault(); });
  }

  // Calls fn(ptr) with `text` as a NUL-terminated UTF-8 string in the wasm heap.
  function withCString(text, fn) {
    var encoded = new TextEncoder().encode(String(text));
    var ptr = mod._malloc(encoded.length + 1);
    if (!ptr) {
      showFatal(outOfMemoryMessage());
      return 0;
    }
    mod.HEAPU8.set(encoded, ptr);
    mod.HEAPU8[ptr + encoded.length] = 0;
    try { return fn(ptr); } finally { mod._free(ptr); }
  }

  // Deep links: #session=<id>&span=<n> selects that session and span; the hash follows the selection.
  function parseHash() {
    var out = {};
    String(location.hash || '').replace(/^#/, '').split('&').forEach(function (part) {
      var eq = part.indexOf('=');
      if (eq > 0) out[decodeURIComponent(part.slice(0, eq))] = decodeURIComponent(part.slice(eq + 1));
    });
    return out;
  }
  function applyHash() {
    if (!mod || mod._agentreel_state() !== 1) return;
    var h = parseHash();
    if (h.session) withCString(h.session, function (p) { mod._agentreel_select_session(p); });
    if (h.span !== undefined && /^\d+$/.test(h.span)) mod._agentreel_select_span(Number(h.span));
    lastHash = location.hash;
  }
  function currentHash() {
    var session = mod.UTF8ToString(mod._agentreel_session_id());
    var span = mod._agentreel_selected_span();
    var hash = '#session=' + encodeURIComponent(session);
    if (span >= 0) hash += '&span=' + span;
    return hash;
  }
  function syncHash() {
    if (!mod || fatalMessage !== null || mod._agentreel_state() !== 1 || !hashApplied) return;
    var hash = currentHash();
    if (hash === lastHash) return;
    lastHash = hash;
    try {
      history.replaceState(null, '', hash);
    } catch (e) {
      location.hash = hash;  // some file:// pages refuse replaceState
    }
  }

  // State for tests and embedding pages. Getters read the live viewer.
  window.agentreel = {
    get ready() { return mod !== null && fatalMessage === null; },
    get status() { return statusName(); },
    get loadedSpans() { return mod ? mod._agentreel_loaded_span_count() : 0; },
    get sessions() { return mod ? mod._agentreel_session_count() : 0; },
    get error() {
      if (fatalMessage !== null) return fatalMessage;
      return mod && mod._agentreel_state() === 2 ? mod.UTF8ToString(mod._agentreel_error_message()) : null;
    },
    get frames() { return mod ? mod._agentreel_frame_count() : 0; },
    get lastFrameMs() { return mod ? mod._agentreel_last_frame_ms() : 0; },
    get railItems() { return mod ? mod._agentreel_rail_item_count() : 0; },
    get startupMs() { return this._startupMs; },
    _startupMs: null,
    open: function (bytes, name) { openBytes(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), name); },
    selectSpan: function (span) { return mod ? mod._agentreel_select_span(span) === 1 : false; },
    get selectedSpan() { return mod ? mod._agentreel_selected_span() : -1; },
    get sessionId() { return mod ? mod.UTF8ToString(mod._agentreel_session_id()) : ''; },
    selectSession: function (id) {
      return mod ? withCString(id, function (p) { return mod._agentreel_select_session(p); }) === 1 : false;
    },
    // Types `query` into the find box; returns the number of matching spans in the shown session.
    find: function (query) { return mod ? withCString(query, function (p) { return mod._agentreel_find(p); }) : 0; },
    get openTiming() { return openTiming; },
    // The viewer's state (ViewerApp::state_json): session, selectedSpan, the rail's visible window, the shown
    // session's diagnosis {verdict, findings}, and where the last frame drew clickable things (CSS pixels).
    get state() { return mod ? JSON.parse(mod.UTF8ToString(mod._agentreel_state_json())) : {loaded: false}; },
    // The scripted bench session (viewer/README.md): one step per frame of the page's animation loop; resolves
    // to the report object after the last step.
    bench: function () {
      if (!mod) return Promise.resolve({error: 'the viewer has not started'});
      if (!mod._agentreel_bench_start(openTiming.openMs || 0, openTiming.firstFrameMs || 0, openTiming.heapBefore || 0)) {
        return Promise.resolve({error: 'no bundle loaded'});
      }
      return new Promise(function (resolve) {
        (function poll() {
          var ptr = mod._agentreel_bench_report();
          if (!ptr) {
            requestAnimationFrame(poll);
            return;
          }
          var report = JSON.parse(mod.UTF8ToString(ptr));
          report.startup_ms = window.agentreel._startupMs;
          resolve(report);
        })();
      });
    },
    pickFile: pickFile,
    // Test hook (web/tests/oom_test.mjs): takes the wasm heap until it cannot grow, leaving about `leaveBytes`
    // free in one piece, so the next allocations the viewer makes fail as they would on a too-large bundle.
    // Returns the heap size reached.
    _exhaustMemoryForTest: function (leaveBytes) {
      if (!mod) return 0;
      var spare = mod._malloc(leaveBytes);
      for (var size = 256 * 1024 * 1024; size >= 16; size = Math.floor(size / 2)) {
        while (mod._malloc(size)) {}
      }
      if (spare) mod._free(spare);
      return mod.HEAPU8.length;
    },
  };

  function start() {
    installPageHandlers();
    if (typeof WebAssembly !== 'object') {
      showFatal('This browser cannot run WebAssembly, which the agentreel viewer needs.', true);
      return;
    }
    var probe = document.createElement('canvas');
    if (!probe.getContext('webgl2')) {
      showFatal('This browser has WebGL 2 turned off or unavailable; the agentreel viewer needs it to draw.', true);
      return;
    }
    createAgentreelViewer({
      canvas: $('canvas'),
      print: function (text) { console.log(text); },
      printErr: function (text) { console.warn(text); },
      // A fatal message already shown (e.g. out of memory, reported before the abort) stays: it says why.
      onAbort: function (what) {
        if (fatalMessage === null) showFatal('The viewer stopped unexpectedly: ' + what);
      },
      agentreelPickFile: pickFile,
      agentreelFatal: showFatal,
      agentreelCopy: copyText,
      agentreelStateChanged: function () {},
    }).then(function (instance) {
      mod = instance;
      if (fatalMessage !== null) return;
      var loading = $('agentreel-loading');
      if (loading) loading.hidden = true;
      addPageFonts();
      openEmbeddedBundle();
      var queued = pending;
      pending = [];
      queued.forEach(function (open) { open(); });
      window.agentreel._startupMs = performance.now() - startedAt;
      setInterval(syncHash, 200);
      window.addEventListener('hashchange', function () {
        if (location.hash !== lastHash) applyHash();
      });
    }, function (error) {
      showFatal('The viewer could not start: ' + error, true);
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
