// Strict-CSP demo: counts Content-Security-Policy violations on this page (there should be
// none) and shows the count. An external file, because the policy allows no inline script.
const seen = [];
window.perchCspViolations = seen;
function show() {
  const out = document.getElementById('csp-status');
  if (out === null) return;
  out.textContent = seen.length === 0
    ? 'No Content-Security-Policy violations on this page.'
    : `${seen.length} Content-Security-Policy violation(s): ${seen.map((v) => `${v.directive} ${v.blocked || v.sample}`).join('; ')}`;
  out.dataset.violations = String(seen.length);
}
document.addEventListener('securitypolicyviolation', (e) => {
  seen.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, source: `${e.sourceFile}:${e.lineNumber}` });
  show();
});
document.addEventListener('DOMContentLoaded', show);
