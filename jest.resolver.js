// The one jest setting every package shares (root package.json `jest.resolver`): the
// @kubernetes-models packages export only an `import` condition, which jest's CommonJS
// resolution does not try; resolve them with it, and everything else as jest would.
module.exports = (request, options) =>
  options.defaultResolver(
    request,
    request.startsWith('@kubernetes-models/')
      ? { ...options, conditions: ['import', ...(options.conditions ?? [])] }
      : options,
  );
