package dev.tollgate.adapter.out.persistence.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.tollgate.domain.account.event.UserRegisteredEvent;
import dev.tollgate.domain.billing.event.IncentivesSetEvent;
import dev.tollgate.domain.billing.event.ModelPriceSetEvent;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import dev.tollgate.domain.channel.event.ChannelCreatedEvent;
import dev.tollgate.domain.token.event.TokenIssuedEvent;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

/**
 * Every event class of the domain (found on the classpath, so a new event is covered without touching this test)
 * survives a round trip through the serializer the event store uses, with its revision recorded.
 */
class EventSerializationTest {
    private static final Serializer SERIALIZER = TollgateSerializers.jackson();

    static Stream<Class<?>> eventClasses() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent()
                        && definition.getMetadata().isConcrete();
            }
        };
        scanner.addIncludeFilter(new AssignableTypeFilter(Record.class));
        List<Class<?>> found = new ArrayList<>();
        for (var candidate : scanner.findCandidateComponents("dev.tollgate.domain")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            if (type.getSimpleName().endsWith("Event")) {
                found.add(type);
            }
        }
        assertThat(found).as("domain event classes found on the classpath").hasSizeGreaterThanOrEqualTo(10);
        return found.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventClasses")
    void givenAnEventWithEveryFieldSet_whenSerializedAndRead_thenItIsEqualAndRevisioned(Class<?> eventClass)
            throws Exception {
        // given
        Object event = sample(eventClass);

        // when
        SerializedObject<byte[]> serialized = SERIALIZER.serialize(event, byte[].class);

        // then
        assertRoundTrips(event);
        assertThat(serialized.getType().getRevision())
                .as("@Revision of " + eventClass.getSimpleName())
                .isNotNull();
        assertThat(new String(serialized.getData(), StandardCharsets.UTF_8))
                .as("instants are stored as ISO-8601 text")
                .contains("2026-01-02T03:04:05Z");
    }

    /** A record Jackson cannot rebuild: proves the check above fails for such a class. */
    record LossyEvent(String requestId, @JsonIgnore String droppedOnTheWay, Instant at) {}

    @Test
    void givenAnEventThatLosesAFieldInJson_whenCheckingItsRoundTrip_thenTheCheckFails() throws Exception {
        // given
        Object lossy = sample(LossyEvent.class);

        // when / then
        assertThatThrownBy(() -> assertRoundTrips(lossy)).isInstanceOf(AssertionError.class);
    }

    @Test
    void givenJsonWrittenByANewerVersionWithAnExtraField_whenRead_thenTheUnknownFieldIsIgnored() {
        // given
        String json = """
                {"model":"gpt-4o-mini","inputPerMillion":150000,"outputPerMillion":600000,"actor":"user:root",
                 "at":"2026-01-02T03:04:05Z","addedLater":"ignored"}""";

        // when
        Object read = SERIALIZER.deserialize(new SimpleSerializedObject<>(
                json.getBytes(StandardCharsets.UTF_8),
                byte[].class,
                new SimpleSerializedType(ModelPriceSetEvent.class.getName(), "1")));

        // then
        assertThat(read)
                .isEqualTo(new ModelPriceSetEvent(
                        "gpt-4o-mini", 150_000, 600_000, "user:root", Instant.parse("2026-01-02T03:04:05Z")));
    }

    @Test
    void givenARevisionThreePrice_whenRead_thenCacheWritesCostTheInputPriceAndAudioHasNoPrice() {
        // given: as stored before a price had cache-write and audio fields (revision 3)
        String json = """
                {"model":"claude-x","inputPerMillion":3000000,"outputPerMillion":15000000,"perImage":0,
                 "perAudioSecond":0,"perRequest":0,"actor":"user:root","at":"2026-01-02T03:04:05Z",
                 "cachedInputPerMillion":300000}""";

        // when
        ModelPriceSetEvent read = (ModelPriceSetEvent) SERIALIZER.deserialize(new SimpleSerializedObject<>(
                json.getBytes(StandardCharsets.UTF_8),
                byte[].class,
                new SimpleSerializedType(ModelPriceSetEvent.class.getName(), "3")));

        // then
        assertThat(read.price().cachedInputPerMillion()).isEqualTo(300_000);
        assertThat(read.price().cacheWritePerMillion()).isEqualTo(3_000_000);
        assertThat(read.price().pricesAudio()).isFalse();
    }

    @Test
    void givenAKeyAndASettlementFromBeforeOrganisationsOwnedKeys_whenRead_thenTheyBelongToThePersonalOrganisation() {
        // given: as stored before organisations owned keys (token revision 3, settlement revision 3)
        String issued = """
                {"tokenId":"t1","ownerId":"u1","name":"k","keyHash":"%s","maskedKey":"sk-...","quota":0,
                 "unlimitedQuota":true,"models":[],"actor":"user:u1","at":"2026-01-02T03:04:05Z"}""".formatted("0".repeat(64));
        String settled = """
                {"requestId":"r1","tokenId":"t1","ownerId":"u1","model":"m","cost":5,"outcome":"succeeded",
                 "at":"2026-01-02T03:04:05Z","reserved":8}""";

        // when
        var token = (TokenIssuedEvent) SERIALIZER.deserialize(new SimpleSerializedObject<>(
                issued.getBytes(StandardCharsets.UTF_8),
                byte[].class,
                new SimpleSerializedType(TokenIssuedEvent.class.getName(), "3")));
        var settlement = (RequestSettledEvent) SERIALIZER.deserialize(new SimpleSerializedObject<>(
                settled.getBytes(StandardCharsets.UTF_8),
                byte[].class,
                new SimpleSerializedType(RequestSettledEvent.class.getName(), "3")));

        // then
        assertThat(token.organizationId()).isNull();
        assertThat(token.organization()).isEqualTo("personal-u1");
        assertThat(settlement.organizationId()).isNull();
        assertThat(settlement.payingOrganization()).isEqualTo("personal-u1");
        assertThat(settlement.reserved()).isEqualTo(8);
    }

    @Test
    void givenARevisionOneChannelCreation_whenRead_thenItIsAPlatformChannelWithoutOrganisation() {
        // given: as stored before private channels existed
        String json = """
                {"channelId":"c1","name":"main","type":"openai","baseUrl":"https://api.example.com",
                 "maskedKeys":["sk-****abcd"],"models":["gpt-4o-mini"],"modelMapping":{},"groups":["default"],
                 "priority":0,"weight":1,"maxConcurrency":null,"options":{},"actor":"user:root",
                 "at":"2026-01-02T03:04:05Z"}""";

        // when
        Object read = SERIALIZER.deserialize(new SimpleSerializedObject<>(
                json.getBytes(StandardCharsets.UTF_8),
                byte[].class,
                new SimpleSerializedType(ChannelCreatedEvent.class.getName(), "1")));

        // then
        assertThat(read)
                .isEqualTo(new ChannelCreatedEvent(
                        "c1",
                        "main",
                        "openai",
                        "https://api.example.com",
                        List.of("sk-****abcd"),
                        List.of("gpt-4o-mini"),
                        Map.of(),
                        List.of("default"),
                        0,
                        1,
                        null,
                        Map.of(),
                        "user:root",
                        Instant.parse("2026-01-02T03:04:05Z")));
        assertThat(((ChannelCreatedEvent) read).organizationId()).isNull();
    }

    @Test
    void givenRevisionOneIncentivesAndRegistrations_whenRead_thenTheInviteFieldsAreEmpty() {
        // given: as stored before invite codes existed
        String incentives = """
                {"policyId":"incentives","signupBonus":1000,"checkInBonus":25,"actor":"user:root",
                 "at":"2026-01-02T03:04:05Z"}""";
        String registered = """
                {"userId":"u1","username":"ann","passwordHash":"$argon2id$x","role":"USER","actor":"self",
                 "at":"2026-01-02T03:04:05Z"}""";

        // when
        Object readIncentives = SERIALIZER.deserialize(new SimpleSerializedObject<>(
                incentives.getBytes(StandardCharsets.UTF_8),
                byte[].class,
                new SimpleSerializedType(IncentivesSetEvent.class.getName(), "1")));
        Object readRegistered = SERIALIZER.deserialize(new SimpleSerializedObject<>(
                registered.getBytes(StandardCharsets.UTF_8),
                byte[].class,
                new SimpleSerializedType(UserRegisteredEvent.class.getName(), "1")));

        // then
        assertThat(readIncentives)
                .isEqualTo(new IncentivesSetEvent(
                        "incentives", 1000, 25, "user:root", Instant.parse("2026-01-02T03:04:05Z")));
        assertThat(readRegistered)
                .isEqualTo(new UserRegisteredEvent(
                        "u1", "ann", "$argon2id$x", "USER", "self", Instant.parse("2026-01-02T03:04:05Z")));
    }

    private static void assertRoundTrips(Object event) {
        SerializedObject<byte[]> serialized = SERIALIZER.serialize(event, byte[].class);
        Object read = SERIALIZER.deserialize(new SimpleSerializedObject<>(
                serialized.getData(),
                byte[].class,
                new SimpleSerializedType(
                        serialized.getType().getName(), serialized.getType().getRevision())));
        assertThat(read)
                .as(event.getClass().getSimpleName() + " after a round trip")
                .isEqualTo(event);
    }

    private static Object sample(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = Stream.of(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Object[] values = new Object[components.length];
        boolean hasInstant = false;
        for (int i = 0; i < components.length; i++) {
            values[i] = value(components[i].getName(), components[i].getGenericType());
            hasInstant |= components[i].getType() == Instant.class;
        }
        assertThat(hasInstant)
                .as(type.getSimpleName() + " records when it happened")
                .isTrue();
        Constructor<?> constructor = type.getDeclaredConstructor(types);
        return constructor.newInstance(values);
    }

    private static Object value(String name, Type type) {
        if (type == String.class) {
            return "value-of-" + name;
        }
        if (type == long.class || type == Long.class) {
            return 9_007_199_254_740_993L;
        }
        if (type == int.class || type == Integer.class) {
            return 429;
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == Instant.class) {
            return Instant.parse("2026-01-02T03:04:05Z");
        }
        if (type == LocalDate.class) {
            return LocalDate.parse("2026-02-28");
        }
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            return List.of("first-" + name, "second-" + name);
        }
        if (type instanceof ParameterizedType p && p.getRawType() == Map.class) {
            return Map.of("key-" + name, "value-" + name);
        }
        throw new AssertionError(
                "no sample value for field '" + name + "' of type " + type + ": teach this test the new type");
    }
}
