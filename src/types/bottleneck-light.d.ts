// Bottleneck's light build (no Redis clustering) has the full build's API, without types of its own.
declare module "bottleneck/light.js" {
  import Bottleneck from "bottleneck";
  export default Bottleneck;
}
