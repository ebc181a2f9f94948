namespace HappyHorse.Report
{
    /// <summary>
    /// The page's only script: the status filter and text search (also read from the address, e.g.
    /// report.html#status=failed&amp;q=corgi), and videos that load their metadata only as they come near.
    /// Without it the page shows every card, and every video still plays.
    /// </summary>
    internal static class PageScript
    {
        public const string Js = @"
(function () {
  var form = document.getElementById('filters'), status = document.getElementById('f-status'),
      text = document.getElementById('f-text'), count = document.getElementById('f-count'),
      none = document.getElementById('f-none');
  var cards = Array.prototype.slice.call(document.querySelectorAll('#cards > article'));
  var words = cards.map(function (c) {
    var t = c.querySelector('h2'), p = c.querySelector('.prompt');
    return ((t ? t.textContent : '') + '\n' + (p ? p.textContent : '')).toLowerCase();
  });
  function apply() {
    var s = status.value, q = text.value.trim().toLowerCase(), shown = 0;
    for (var i = 0; i < cards.length; i++) {
      var ok = (!s || cards[i].getAttribute('data-status') === s) && (!q || words[i].indexOf(q) >= 0);
      cards[i].hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = shown + ' of ' + cards.length + ' shown';
    none.hidden = shown > 0;
  }
  function fromAddress() {
    var p = new URLSearchParams(location.search);
    new URLSearchParams(location.hash.slice(1)).forEach(function (v, k) { p.set(k, v); });
    status.value = p.get('status') || '';
    if (status.selectedIndex < 0) status.value = '';
    text.value = p.get('q') || '';
    apply();
  }
  function toAddress() {
    var p = new URLSearchParams();
    if (status.value) p.set('status', status.value);
    if (text.value) p.set('q', text.value);
    try { history.replaceState(null, '', '#' + p.toString()); } catch (e) { }
    apply();
  }
  status.addEventListener('change', toAddress);
  text.addEventListener('input', toAddress);
  window.addEventListener('hashchange', fromAddress);
  form.hidden = false;
  fromAddress();
  var later = document.querySelectorAll('video[preload=none]');
  if (!('IntersectionObserver' in window)) return;
  var seen = new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (!e.isIntersecting) return;
      e.target.preload = 'metadata';
      seen.unobserve(e.target);
    });
  }, { rootMargin: '800px' });
  for (var i = 0; i < later.length; i++) seen.observe(later[i]);
})();
";
    }
}
