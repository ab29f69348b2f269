// Live triage queue: new captures arrive over server-sent events and are added to the open queue as text (never
// as HTML). A severity-5 capture also shows a quiet banner: no sound, no flashing.
// The queue never dies quietly: when the stream fails the page asks /session (which does not count as use) whether
// the session is still live. If it is not (timed out, signed out elsewhere, account changed) the page says so and
// offers to sign in again; if the console cannot be reached it says "reconnecting…" and retries with backoff. Each
// (re)connection names the newest capture the page has seen, and the console sends everything stored after it.
// A connection can also die without closing (a laptop that slept, a proxy or NAT that dropped it): the console sends
// a keep-alive event naming its interval, and three intervals of silence count as a failed stream. A probe that gets
// no answer is given up after PROBE_TIMEOUT_MS for the same reason.
(function () {
  'use strict';
  var table = document.getElementById('queue');
  if (!table || !window.EventSource) {
    return;
  }
  var status = document.getElementById('live-status');
  var alertBox = document.getElementById('live-alert');
  var connectionBox = document.getElementById('live-connection');
  var canInsert = table.getAttribute('data-insert') === 'yes';
  var probePath = table.getAttribute('data-probe');
  var since = Number(table.getAttribute('data-since')) || 0;
  var seen = new Set();
  var arrived = 0;
  var baseTitle = document.title;
  var source = null;
  var failures = 0;
  var retryTimer = null;
  var ended = false;
  var silenceTimer = null;
  var keepAliveMs = 0;
  var PROBE_TIMEOUT_MS = 10000;

  Array.prototype.forEach.call(table.querySelectorAll('input[name="capture"]'), function (box) {
    seen.add(Number(box.value));
  });

  function cell(row, text) {
    var td = document.createElement('td');
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function link(href, text) {
    var a = document.createElement('a');
    a.href = href;
    a.textContent = text;
    return a;
  }

  function span(parent, className, text) {
    var s = document.createElement('span');
    s.className = className;
    s.textContent = text;
    parent.appendChild(s);
    return s;
  }

  // as jte/pupil.jte draws the page's own rows
  function pupilCell(td, c) {
    td.className = 'pupil';
    if (c.inDirectory) {
      span(td, 'pupil-name', c.pupilName);
      td.appendChild(document.createTextNode(' '));
      span(td, 'pupil-login', '(' + c.pupil + ')');
      td.appendChild(document.createTextNode(' '));
      span(td, 'pupil-year', c.pupilYear);
      (c.pupilFlags || []).forEach(function (flag) {
        td.appendChild(document.createTextNode(' '));
        span(td, 'badge badge-flag', flag);
      });
    } else {
      span(td, 'pupil-login', c.pupil);
      td.appendChild(document.createTextNode(' '));
      span(td, 'hint not-in-directory', 'not in the directory');
    }
  }

  function addRow(c) {
    var tbody = table.tBodies[0];
    var row = document.createElement('tr');
    row.className = 'sev-' + c.severity + ' fresh';
    row.setAttribute('data-severity', String(c.severity));
    var select = document.createElement('input');
    select.type = 'checkbox';
    select.name = 'capture';
    select.value = String(c.id);
    select.setAttribute('aria-label', 'Select capture ' + c.id);
    cell(row, '').appendChild(select);
    var sev = document.createElement('span');
    sev.className = 'sev sev-badge-' + c.severity;
    sev.textContent = String(c.severity);
    cell(row, '').appendChild(sev);
    cell(row, '').appendChild(link(c.href, c.time));
    cell(row, c.category);
    pupilCell(cell(row, ''), c);
    cell(row, c.device);
    cell(row, '').appendChild(link(c.href, c.matched));
    var badge = document.createElement('span');
    badge.className = 'status status-new';
    badge.textContent = 'New';
    cell(row, '').appendChild(badge);
    cell(row, '');
    // keep the order: most severe first, newest first within a severity
    var before = null;
    for (var i = 0; i < tbody.rows.length; i++) {
      if (Number(tbody.rows[i].getAttribute('data-severity')) <= c.severity) {
        before = tbody.rows[i];
        break;
      }
    }
    tbody.insertBefore(row, before);
    var empty = document.getElementById('queue-empty');
    if (empty) {
      empty.hidden = true;
    }
  }

  // Only asked for when the DSL presses the button, never on page load; a notification carries no typed text,
  // pupil or screenshot: the screen may be shared or in view of others.
  function offerNotifications() {
    var button = document.getElementById('notify-button');
    if (!button || !('Notification' in window) || Notification.permission !== 'default') {
      return;
    }
    button.hidden = false;
    button.addEventListener('click', function () {
      Promise.resolve(Notification.requestPermission()).then(function (answer) {
        button.hidden = true;
        status.textContent = answer === 'granted'
          ? 'Severity 5 captures will be notified while this tab is in the background.'
          : 'Notifications were not allowed.';
      });
    });
  }

  function notifyInBackground(c) {
    if (!document.hidden || !('Notification' in window) || Notification.permission !== 'granted') {
      return;
    }
    var notification = new Notification('Vigil: severity ' + c.severity + ' capture', {
      body: c.category + ', severity ' + c.severity + ', ' + c.time,
      tag: 'vigil-capture-' + c.id
    });
    notification.onclick = function () {
      window.focus();
      notification.close();
    };
  }

  function severe(c) {
    alertBox.textContent = '';
    alertBox.appendChild(document.createTextNode('Severity 5 capture just arrived: ' + c.category + ', ' + (c.inDirectory ? c.pupilName + ' (' + c.pupil + ')' : c.pupil) + ' on ' + c.device + '. '));
    alertBox.appendChild(link(c.href, 'Open it'));
    alertBox.hidden = false;
  }

  function say(text, kind, linkHref, linkText) {
    connectionBox.textContent = '';
    connectionBox.className = 'live-connection' + (kind ? ' live-connection-' + kind : '');
    if (text) {
      connectionBox.appendChild(document.createTextNode(text));
    }
    if (linkHref) {
      connectionBox.appendChild(document.createTextNode(' '));
      connectionBox.appendChild(link(linkHref, linkText));
    }
  }

  function closeSource() {
    clearTimeout(silenceTimer);
    if (source) {
      source.close();
      source = null;
    }
  }

  function lost() {
    closeSource();
    failures += 1;
    if (!ended) {
      probe();
    }
  }

  // anything the stream carries shows it is alive; silence for three keep-alive intervals shows it is not
  function heard() {
    clearTimeout(silenceTimer);
    if (keepAliveMs > 0) {
      silenceTimer = setTimeout(lost, 3 * keepAliveMs);
    }
  }

  var reasons = {
    idle: 'it ended after a period without activity',
    expired: 'it reached its maximum length',
    ended: 'you signed out, or your account was changed'
  };

  function sessionEnded(reason) {
    ended = true;
    closeSource();
    clearTimeout(retryTimer);
    say('Signed out: this queue is no longer updating (' + (reasons[reason] || reasons.ended) + ').', 'ended',
      connectionBox.getAttribute('data-sign-in'), 'Sign in again');
    status.textContent = 'Not updating: signed out.';
    document.title = '(signed out) ' + baseTitle;
  }

  function onKeepAlive(event) {
    try {
      keepAliveMs = Math.max(1000, Number(JSON.parse(event.data).everyMillis) || 0);
    } catch (e) {
      // keep the interval known so far
    }
    heard();
  }

  function onCapture(event) {
    heard();
    var c = JSON.parse(event.data);
    since = Math.max(since, c.id);
    if (seen.has(c.id)) {
      return;
    }
    seen.add(c.id);
    arrived += 1;
    if (canInsert) {
      addRow(c);
    }
    status.textContent = arrived + (arrived === 1 ? ' new capture' : ' new captures') + ' since this page loaded'
      + (canInsert ? '.' : '; reload to see them in this filtered view.');
    document.title = '(' + arrived + ') ' + baseTitle;
    if (c.severity === 5) {
      severe(c);
      notifyInBackground(c);
    }
  }

  function connect() {
    closeSource();
    source = new EventSource(table.getAttribute('data-live') + '?since=' + since);
    source.addEventListener('open', function () {
      heard();
      if (failures > 0) {
        say('Reconnected: the queue is live again, with anything that arrived meanwhile.', 'back');
        status.textContent = '';
      }
      failures = 0;
    });
    source.addEventListener('capture', onCapture);
    source.addEventListener('keep-alive', onKeepAlive);
    source.addEventListener('session-ended', function (event) {
      var reason = 'ended';
      try {
        reason = JSON.parse(event.data).reason;
      } catch (e) {
        // keep the general reason
      }
      sessionEnded(reason);
    });
    source.addEventListener('catch-up-incomplete', function () {
      say('More captures arrived while the queue was not listening than it can add here.', 'ended',
        window.location.pathname + window.location.search, 'Reload the queue');
    });
    // the browser would retry on its own, blindly; ask first whether the session is still there
    source.addEventListener('error', lost);
  }

  // 1 s, 2 s, 4 s … up to 30 s, each with jitter so that many open queues do not all come back at once
  function later(next) {
    say('Connection to the console lost: reconnecting…', 'down');
    status.textContent = 'Not updating: reconnecting…';
    var delay = Math.min(1000 * Math.pow(2, Math.max(0, failures - 1)), 30000);
    failures += 1;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(next, delay / 2 + Math.random() * delay / 2);
  }

  function probe() {
    var abort = window.AbortController ? new AbortController() : null;
    var giveUp = setTimeout(function () {
      if (abort) {
        abort.abort();
      }
    }, PROBE_TIMEOUT_MS);
    fetch(probePath, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' },
      signal: abort ? abort.signal : undefined })
      .then(function (response) {
        clearTimeout(giveUp);
        if (response.status === 401) {
          sessionEnded('ended');
        } else if (response.ok && failures <= 1) {
          connect();
        } else if (response.ok) {
          later(connect);
        } else {
          later(probe);
        }
      }, function () {
        clearTimeout(giveUp);
        later(probe);
      });
  }

  offerNotifications();
  connect();
})();
