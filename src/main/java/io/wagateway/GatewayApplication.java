package io.wagateway;

import java.util.concurrent.ForkJoinPool;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class GatewayApplication {
    static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    public static void main(String[] args) {
        commonPoolOfAtLeastTwo();
        SpringApplication.run(GatewayApplication.class, args);
        if (ForkJoinPool.getCommonPoolParallelism() < 2) {
            LoggerFactory.getLogger(GatewayApplication.class).warn("the common pool has one thread: every provider "
                    + "call starts a thread; run with -D{}=2", COMMON_POOL_PARALLELISM);
        }
    }

    /**
     * With fewer than 3 cores the JDK's common pool gets one thread, and CompletableFuture then starts a new thread
     * for every async step. java.net.http.HttpClient takes one such step per response: about 300 µs of CPU per
     * provider call instead of 30 (docs/benchmarks.md, run E). Two threads make it a queue hand-off. It must run
     * before anything touches CompletableFuture; a value set with -D wins.
     */
    static void commonPoolOfAtLeastTwo() {
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null && Runtime.getRuntime().availableProcessors() < 3) {
            System.setProperty(COMMON_POOL_PARALLELISM, "2");
        }
    }
}
