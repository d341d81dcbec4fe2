package dev.aegan.local;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CoreShareTest {

    @Test
    void onTwoCoresTheTrainerKeepsOneAndTheNicedJudgesShareTheOther() {
        CoreShare share = CoreShare.of(launcher("true", "10"), 2);

        assertEquals(List.of("-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1"),
                share.jvmOptions(Service.TRAINER));
        assertEquals(List.of("-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1"),
                share.jvmOptions(Service.METRICS));
        assertEquals(10, share.niceness(Service.CRITIC));
        assertEquals(0, share.niceness(Service.TRAINER));
        assertEquals(List.of(), share.jvmOptions(Service.GALLERY));
    }

    @Test
    void onSixteenCoresTheTrainerTakesHalfAndEachJudgeAQuarter() {
        CoreShare share = CoreShare.of(launcher("true", "0"), 16);

        assertEquals(new CoreShare(0, 8, 4), share);
    }

    @Test
    void unsharedEveryServiceKeepsLibtorchsDefault() {
        CoreShare share = CoreShare.of(new Properties(), 2);

        assertEquals(List.of(), share.jvmOptions(Service.TRAINER));
        assertEquals(List.of(), share.jvmOptions(Service.CRITIC));
        assertEquals(0, share.niceness(Service.METRICS));
    }

    private static Properties launcher(String shareCores, String judgeNiceness) {
        Properties launcher = new Properties();
        launcher.setProperty("aegan.local.share-cores", shareCores);
        launcher.setProperty("aegan.local.judge-niceness", judgeNiceness);
        return launcher;
    }
}
