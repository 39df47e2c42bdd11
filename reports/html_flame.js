(function () {
  var svg = document.getElementById('flame');
  var W = +svg.getAttribute('data-width');
  var frames = Array.prototype.slice.call(svg.querySelectorAll('g.f'));
  function fit(name, w) {
    var n = Math.floor((w - 6) / 7);
    if (n < 3) return '';
    return name.length <= n ? name : name.slice(0, n - 2) + '..';
  }
  function zoom(target) {
    var zx = +target.getAttribute('data-x'), zw = +target.getAttribute('data-w');
    var zd = +target.getAttribute('data-d');
    frames.forEach(function (g) {
      var x = +g.getAttribute('data-x'), w = +g.getAttribute('data-w');
      var d = +g.getAttribute('data-d');
      var rect = g.querySelector('rect'), text = g.querySelector('text');
      var inside = x >= zx - 1e-9 && x + w <= zx + zw + 1e-9 && d >= zd;
      var above = d < zd && x <= zx + 1e-9 && x + w >= zx + zw - 1e-9;
      g.style.display = inside || above ? '' : 'none';
      g.classList.toggle('faded', above);
      var nx = inside ? (x - zx) / zw * W : 0, nw = inside ? w / zw * W : W;
      rect.setAttribute('x', nx.toFixed(1));
      rect.setAttribute('width', nw.toFixed(1));
      text.setAttribute('x', (nx + 3).toFixed(1));
      text.textContent = fit(g.getAttribute('data-n'), nw);
    });
  }
  frames.forEach(function (g) {
    g.addEventListener('click', function () { zoom(g); });
  });
  document.getElementById('flame-reset').addEventListener('click', function () {
    zoom(frames[0]);
  });
  var input = document.getElementById('flame-search');
  var status = document.getElementById('flame-match');
  input.addEventListener('input', function () {
    var re = null;
    try { re = input.value ? new RegExp(input.value) : null; input.classList.remove('bad'); }
    catch (e) { input.classList.add('bad'); }
    var spans = [];
    frames.forEach(function (g) {
      var hit = re !== null && re.test(g.getAttribute('data-n'));
      g.classList.toggle('hit', hit);
      if (hit) spans.push([+g.getAttribute('data-x'), +g.getAttribute('data-x') + +g.getAttribute('data-w')]);
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var total = 0, end = -1;
    spans.forEach(function (s) {
      if (s[0] >= end) { total += s[1] - s[0]; end = s[1]; }
      else if (s[1] > end) { total += s[1] - end; end = s[1]; }
    });
    status.textContent = re ? 'matched: ' + (total * 100).toFixed(2) + '% of candidate samples' : '';
  });
  // #search=REGEX and #zoom=NAME make a view linkable.
  var hash = decodeURIComponent(location.hash.slice(1));
  if (hash.indexOf('search=') === 0) {
    input.value = hash.slice(7);
    input.dispatchEvent(new Event('input'));
  } else if (hash.indexOf('zoom=') === 0) {
    var named = frames.filter(function (g) { return g.getAttribute('data-n') === hash.slice(5); });
    if (named.length) zoom(named[0]);
  }
})();
