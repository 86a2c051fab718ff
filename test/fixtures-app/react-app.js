// perch-widgets/react in a React 19 app (no JSX, so no JSX transform is needed).
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { PerchTweet } from 'perch-widgets/react';

const post = JSON.parse(document.getElementById('post-data').textContent);
const renders = [];
window.perchApp = { entry: 'react', renders };
createRoot(document.getElementById('root')).render(
  createElement(PerchTweet, {
    data: post,
    theme: 'dark',
    onPerchRender: (event) => renders.push({ type: event.type, id: event.result.id }),
  }),
);
