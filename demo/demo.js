// Fills both columns with every fixture post (the list comes from fixtures/index.json,
// served by the embed server in demo mode).
const response = await fetch('/fixtures/index.json');
const index = await response.json();
for (const [column, theme] of [['light', 'light'], ['dark', 'dark']]) {
  const host = document.getElementById(column);
  for (const entry of index.posts) {
    const heading = document.createElement('h3');
    heading.textContent = `${entry.file}${entry.synthetic ? ' (synthetic)' : ''}`;
    heading.style.fontSize = '0.9rem';
    const el = document.createElement('perch-tweet');
    el.setAttribute('tweet-id', entry.id);
    el.setAttribute('theme', theme);
    host.append(heading, el);
  }
}
