package dev.streamscribe.ingest.recognizer;

import dev.streamscribe.acoustic.model.AcousticModel;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BundledModelsTest {
    @Test
    void everyBundledModelLoadsByTheNameInItsMeta() throws IOException {
        for (String name : AcousticModel.BUNDLED) {
            try (Recognizer r = Recognizer.create(RecognizerConfig.defaults().withModel(name).withLm(RecognizerConfig.LM_NONE))) {
                assertEquals(name, r.modelName());
            }
        }
        try (Recognizer r = Recognizer.create(RecognizerConfig.defaults().withLm(RecognizerConfig.LM_NONE))) {
            assertEquals(AcousticModel.BUNDLED.get(0), r.modelName());
        }
    }

    @Test
    void aModelThatIsNeitherBundledNorADirectoryIsNamedInTheError() {
        IOException e = assertThrows(IOException.class, () -> Recognizer.create(RecognizerConfig.defaults().withModel("en-nosuch")));
        assertEquals("en-nosuch: neither a bundled model (" + String.join(", ", AcousticModel.BUNDLED) + ") nor a directory", e.getMessage());
    }
}
