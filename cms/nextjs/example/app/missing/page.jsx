import { perch } from '../../perch.js';

const { PerchPost } = perch;

export default function Missing() {
  return <PerchPost id="1234567890123456789" user="someone" />;
}
