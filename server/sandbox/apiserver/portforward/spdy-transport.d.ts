/** spdy-transport ships no types; the sandbox uses only its connection factory (typed where it is used). */
declare module 'spdy-transport' {
  const transport: {
    connection: { create(socket: import('node:stream').Duplex, options: { protocol: 'spdy' | 'http2'; isServer: boolean; windowSize?: number; maxStreams?: number }): unknown };
  };
  export default transport;
}
