import { perch } from '../perch.js';

export const metadata = { title: 'Perch for Next.js', other: perch.metadata };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>
        <main>{children}</main>
      </body>
    </html>
  );
}
