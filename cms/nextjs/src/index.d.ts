import type { ReactElement } from 'react';
import type { PerchSiteConfig, PostResult } from 'perch-widgets/render';

/** Props of the server-rendered post. */
export interface PerchPostProps {
  /** The post's numeric id. */
  id: string;
  /** The author's handle, for the fallback link. */
  user?: string;
  /** A post model you already have; otherwise it is fetched from the embed server on the server. */
  model?: PostResult;
  hideCards?: boolean;
  hideThread?: boolean;
  theme?: 'light' | 'dark' | 'auto';
  width?: number;
  align?: 'left' | 'center' | 'right';
}

/** The site's Perch settings: metadata for the root layout and the post server component. */
export function definePerch(options?: PerchSiteConfig): {
  config: PerchSiteConfig;
  /** For `export const metadata = { other: perch.metadata }` in the root layout. */
  metadata: Record<string, string>;
  /** An async server component. */
  PerchPost(props: PerchPostProps): Promise<ReactElement>;
};
