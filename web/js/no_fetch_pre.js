// Prepended inside Emscripten's module factory (emcc --pre-js). The wasm binary is embedded in the page as a
// data: URI (-sSINGLE_FILE=1); Emscripten 3.1.6 would still fetch() that URI when fetch exists. Shadowing
// fetch in the factory's scope makes it decode the embedded copy directly, so the viewer makes no request
// of any kind (the page's Content-Security-Policy forbids them all).
var fetch = undefined;
