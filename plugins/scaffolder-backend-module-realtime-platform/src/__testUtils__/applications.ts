/** The smallest valid application the action's tests write into a workspace. */
export const MINIMAL = `apiVersion: core.oam.dev/v1beta1
kind: Application
metadata:
  name: orders
  namespace: orders
spec:
  components:
    - name: events
      type: realtime-platform
    - name: api
      type: realtime-webservice
      properties:
        image: ghcr.io/example/api:1.0.0
        realtime: events
`;
