declare module 'virtual:perch/config' {
  const config: import('perch-widgets/render').PerchSiteConfig;
  export default config;
}
