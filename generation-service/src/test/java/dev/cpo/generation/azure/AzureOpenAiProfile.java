package dev.cpo.generation.azure;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** The service configured for Azure OpenAI, pointed at {@link AzureOpenAiStub}. */
public class AzureOpenAiProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(AzureOpenAiStub.class));
    }
}
