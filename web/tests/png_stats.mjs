// Minimal PNG reader for test assertions (8-bit grey/RGB/RGBA, non-interlaced: what Chromium's screenshots
// are) and the "is this image blank?" statistics both viewer tests use. Node's zlib only; no dependencies.
import zlib from 'node:zlib';

export function decodePng(buffer) {
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  for (let i = 0; i < 8; ++i) {
    if (buffer[i] !== signature[i]) throw new Error('not a PNG file');
  }
  let offset = 8;
  let width = 0, height = 0, bitDepth = 0, colorType = 0, interlace = 0;
  const idat = [];
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('latin1', offset + 4, offset + 8);
    const data = buffer.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      bitDepth = data[8];
      colorType = data[9];
      interlace = data[12];
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
    offset += 12 + length;
  }
  const channelsByType = {0: 1, 2: 3, 6: 4};
  const channels = channelsByType[colorType];
  if (bitDepth !== 8 || !channels || interlace !== 0) {
    throw new Error(`unsupported PNG: bit depth ${bitDepth}, colour type ${colorType}, interlace ${interlace}`);
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(width * height * 4);
  let previous = Buffer.alloc(stride);
  for (let y = 0; y < height; ++y) {
    const filter = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let x = 0; x < stride; ++x) {
      const a = x >= channels ? line[x - channels] : 0;
      const b = previous[x];
      const c = x >= channels ? previous[x - channels] : 0;
      let predictor = 0;
      switch (filter) {
        case 0: predictor = 0; break;
        case 1: predictor = a; break;
        case 2: predictor = b; break;
        case 3: predictor = (a + b) >> 1; break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
          predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default: throw new Error(`bad PNG filter ${filter} on row ${y}`);
      }
      line[x] = (line[x] + predictor) & 0xff;
    }
    for (let x = 0; x < width; ++x) {
      const o = (y * width + x) * 4;
      if (channels === 1) {
        pixels[o] = pixels[o + 1] = pixels[o + 2] = line[x];
        pixels[o + 3] = 255;
      } else {
        pixels[o] = line[x * channels];
        pixels[o + 1] = line[x * channels + 1];
        pixels[o + 2] = line[x * channels + 2];
        pixels[o + 3] = channels === 4 ? line[x * channels + 3] : 255;
      }
    }
    previous = line;
  }
  return {width, height, pixels};
}

// Distinct colours (quantised to 5 bits a channel) and the share of pixels unlike the most common colour.
export function imageStats({width, height, pixels}) {
  const counts = new Map();
  for (let i = 0; i < width * height; ++i) {
    const o = i * 4;
    const key = ((pixels[o] >> 3) << 10) | ((pixels[o + 1] >> 3) << 5) | (pixels[o + 2] >> 3);
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  let background = 0;
  for (const count of counts.values()) background = Math.max(background, count);
  return {
    width,
    height,
    distinctColours: counts.size,
    foregroundShare: 1 - background / (width * height),
  };
}
