'use strict';
// Our `.cts` sources import each other as `./x.cjs`, the name Node loads after compilation.
// Under jest the source itself is loaded, so such an import from our own code resolves to `x.cts`;
// imports inside node_modules are left alone (packages ship real `.cjs` files).
module.exports = (request, options) => {
	if (/^\.\.?\/.*\.cjs$/.test(request) && !options.basedir.includes('node_modules')) {
		try {
			return options.defaultResolver(request.replace(/\.cjs$/, '.cts'), options);
		} catch {
			// Not one of ours: fall through to the normal resolution.
		}
	}
	return options.defaultResolver(request, options);
};
