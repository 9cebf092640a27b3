export { createChannel } from "./channel.js";
export { Emitter } from "./emitter.js";
export { waitFor } from "./wait.js";
