// Live triage queue: new captures arrive over server-sent events and are added to the open queue as text (never
// as HTML). A severity-5 capture also shows a quiet banner: no sound, no flashing.
(function () {
  'use strict';
  var table = document.getElementById('queue');
  if (!table || !window.EventSource) {
    return;
  }
  var status = document.getElementById('live-status');
  var alertBox = document.getElementById('live-alert');
  var canInsert = table.getAttribute('data-insert') === 'yes';
  var arrived = 0;
  var baseTitle = document.title;

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
    cell(row, c.pupil);
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

  function severe(c) {
    alertBox.textContent = '';
    alertBox.appendChild(document.createTextNode('Severity 5 capture just arrived: ' + c.category + ', ' + c.pupil + ' on ' + c.device + '. '));
    alertBox.appendChild(link(c.href, 'Open it'));
    alertBox.hidden = false;
  }

  var source = new EventSource(table.getAttribute('data-live'));
  source.addEventListener('capture', function (event) {
    var c = JSON.parse(event.data);
    arrived += 1;
    if (canInsert) {
      addRow(c);
    }
    status.textContent = arrived + (arrived === 1 ? ' new capture' : ' new captures') + ' since this page loaded'
      + (canInsert ? '.' : '; reload to see them in this filtered view.');
    document.title = '(' + arrived + ') ' + baseTitle;
    if (c.severity === 5) {
      severe(c);
    }
  });
})();
