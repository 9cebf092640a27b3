// jest for JavaScript exercises (Aider polyglot / Exercism), copied to /opt/jest/jest.config.cjs.
// The transform is Exercism's babel preset, resolved from /opt/jest, so a workspace needs no
// node_modules and its own babel.config.js or package.json cannot change how the tests are compiled.
const modules = "/opt/jest/node_modules";
module.exports = {
  rootDir: process.cwd(),
  testEnvironment: "node",
  transform: {
    "\\.[cm]?jsx?$": [
      `${modules}/babel-jest`,
      { configFile: false, babelrc: false, presets: [`${modules}/@exercism/babel-preset-javascript`] },
    ],
  },
  // The preset injects core-js imports into the code it compiles; they resolve from /opt/jest.
  modulePaths: [modules],
  // The sandbox has one CPU; jest's 5 s default was set for a developer's laptop.
  testTimeout: 30_000,
  watchman: false,
};
