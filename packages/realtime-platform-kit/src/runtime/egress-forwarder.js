// Runs inside a pod's network namespace (plain Node, no transform): listens on a loopback
// address of the pod and pipes every connection to a Unix socket the runtime serves from the
// host's network namespace, which connects to one registry host. TLS passes through untouched.
const net = require('node:net');

const [address, port, socketPath] = process.argv.slice(2);
net
  .createServer(client => {
    const upstream = net.connect(socketPath);
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close);
    upstream.on('error', close);
  })
  .listen(Number(port), address, () => process.stdout.write('ready\n'));
