/**
 * The JVM flags Spark's own launcher adds on Java 17 (JavaModuleOptions in Spark 3.5): Spark
 * reaches into JDK internals (direct buffers, Kryo, Netty) that the module system closes by default.
 */
const OPENED_PACKAGES = [
  "java.base/java.lang",
  "java.base/java.lang.invoke",
  "java.base/java.lang.reflect",
  "java.base/java.io",
  "java.base/java.net",
  "java.base/java.nio",
  "java.base/java.util",
  "java.base/java.util.concurrent",
  "java.base/java.util.concurrent.atomic",
  "java.base/jdk.internal.ref",
  "java.base/sun.nio.ch",
  "java.base/sun.nio.cs",
  "java.base/sun.security.action",
  "java.base/sun.util.calendar",
  "java.security.jgss/sun.security.krb5",
];

export const JAVA_MODULE_OPTIONS: readonly string[] = [
  "-XX:+IgnoreUnrecognizedVMOptions",
  ...OPENED_PACKAGES.map((p) => `--add-opens=${p}=ALL-UNNAMED`),
  "-Djdk.reflect.useDirectMethodHandle=false",
  "-Dio.netty.tryReflectionSetAccessible=true",
];
