/** TechDocs pages of `component:default/realtime-platform-docs` the card links to. */
const DOCS_ROOT = '/docs/default/component/realtime-platform-docs';

export const docsLinks = {
  access: `${DOCS_ROOT}/access/`,
  operations: `${DOCS_ROOT}/operations/`,
  portal: `${DOCS_ROOT}/portal/`,
};
