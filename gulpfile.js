/**
 * `tsc` compiles the TypeScript; n8n also needs the files next to the compiled nodes that tsc does
 * not touch: the shared SVG icons (referenced as `file:…` from node and credential descriptions) and the codex
 * `*.node.json` files (categories and documentation links shown in the node panel).
 */
const { src, dest, series } = require('gulp');

function copyCodexFiles() {
	return src(['nodes/**/*.node.json'], { base: 'nodes' }).pipe(dest('dist/nodes'));
}

function copySharedIcons() {
	return src(['icons/**/*.svg', 'icons/**/*.png'], { base: 'icons' }).pipe(dest('dist/icons'));
}

exports.build = series(copyCodexFiles, copySharedIcons);
exports.default = exports.build;
