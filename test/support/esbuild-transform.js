// Jest transform: TypeScript to CommonJS with esbuild, with inline source maps for readable stack traces.
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: 'ts',
      format: 'cjs',
      target: 'es2020',
      sourcemap: 'external',
      sourcefile: filename,
    });
    return { code, map };
  },
};
