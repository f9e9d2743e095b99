// bench/ and scripts/ are not packages: lint them as a CLI package (Node, no __dirname rule).
module.exports =
  require('@backstage/cli/config/eslint-factory').createConfigForRole(
    __dirname,
    'cli',
  );
