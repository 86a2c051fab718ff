import { PerchFollowButton, PerchShareButton } from 'perch-next/client';
import { perch } from '../perch.js';

const { PerchPost } = perch;

export default function Home() {
  return (
    <>
      <h1>Perch for Next.js</h1>
      <p>A post rendered on the server:</p>
      <PerchPost id="1641086480675225601" user="SamuelSusla" />
      <p>Another, with its card hidden:</p>
      <PerchPost id="1629262255744503809" hideCards />
      <PerchShareButton url="https://example.com/" text="Perch renders posts on the server" />
      <PerchFollowButton screenName="NASA" />
      <p id="after">The end.</p>
    </>
  );
}
