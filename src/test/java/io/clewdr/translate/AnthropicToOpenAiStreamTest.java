package io.clewdr.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.clewdr.sse.SseDecoder;
import io.clewdr.sse.SseEvent;
import io.clewdr.testkit.OpenAiSchema;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AnthropicToOpenAiStreamTest {

    private static final InstantSource CLOCK = InstantSource.fixed(Instant.ofEpochSecond(1_700_000_000));

    private static final String TEXT_STREAM = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant","model":"claude-x","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12,"cache_read_input_tokens":30,"output_tokens":1}}}

            event: ping
            data: {"type":"ping"}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":", world"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":7}}

            event: message_stop
            data: {"type":"message_stop"}

            """;

    /** The OpenAI side of one stream: every frame's data, each checked against the schemas. */
    private record Output(List<String> data, boolean finished) {

        List<JsonNode> chunks() {
            return data.stream().filter(d -> !d.equals("[DONE]")).map(Json::of).toList();
        }

        List<JsonNode> deltas() {
            return chunks().stream()
                    .filter(c -> !c.path("choices").isEmpty())
                    .map(c -> c.at("/choices/0/delta"))
                    .toList();
        }

        String joined(String field) {
            return deltas().stream().map(d -> d.path(field).asString("")).collect(Collectors.joining());
        }
    }

    private static Output run(String anthropicSse, boolean includeUsage, boolean endOfStream) {
        AnthropicToOpenAiStream stream = AnthropicToOpenAiStream.create(
                new OpenAiRequestContext("gpt-4o", true, includeUsage), CLOCK, () -> "chatcmpl-fresh");
        List<byte[]> frames = new ArrayList<>();
        SseDecoder upstream = SseDecoder.create(event -> frames.addAll(stream.onEvent(event)));
        upstream.feed(anthropicSse.getBytes(StandardCharsets.UTF_8));
        upstream.end();
        if (endOfStream) {
            frames.addAll(stream.endOfStream());
        }
        List<String> data = new ArrayList<>();
        SseDecoder client = SseDecoder.create(event -> {
            assertThat(event.event()).as("OpenAI chunks carry no event name").isNull();
            data.add(event.data());
        });
        frames.forEach(client::feed);
        assertThat(client.end()).isEqualTo(SseDecoder.Ending.CLEAN);
        for (String d : data) {
            if (d.equals("[DONE]")) {
                continue;
            }
            JsonNode json = Json.of(d);
            String schema = json.has("error") ? OpenAiSchema.ERROR : OpenAiSchema.CHAT_COMPLETION_CHUNK;
            assertThat(OpenAiSchema.violations(schema, json)).as(d).isEmpty();
        }
        return new Output(data, stream.finished());
    }

    @Test
    void a_text_stream_gives_role_content_one_finish_and_done() {
        Output out = run(TEXT_STREAM, false, true);
        List<JsonNode> chunks = out.chunks();
        assertThat(out.data().getLast()).isEqualTo("[DONE]");
        assertThat(out.finished()).isTrue();
        assertThat(chunks.getFirst().at("/choices/0/delta"))
                .isEqualTo(Json.of("{\"role\":\"assistant\",\"content\":\"\"}"));
        assertThat(out.joined("content")).isEqualTo("Hello, world");
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.get("id").stringValue()).isEqualTo("chatcmpl-msg_01");
            assertThat(c.get("object").stringValue()).isEqualTo("chat.completion.chunk");
            assertThat(c.get("created").asLong()).isEqualTo(1_700_000_000L);
            assertThat(c.get("model").stringValue()).isEqualTo("gpt-4o");
            assertThat(c.has("usage")).isFalse();
        });
        assertThat(chunks.stream().map(c -> c.at("/choices/0/finish_reason")).filter(f -> !f.isNull()))
                .containsExactly(Json.of("\"stop\""));
        assertThat(chunks.getLast().at("/choices/0/finish_reason").stringValue())
                .isEqualTo("stop");
        assertThat(chunks).hasSize(4); // role, two deltas, finish: ping and block start/stop add nothing
    }

    @Test
    void usage_is_a_last_chunk_without_choices_only_when_asked_for() {
        Output out = run(TEXT_STREAM, true, true);
        List<JsonNode> chunks = out.chunks();
        JsonNode last = chunks.getLast();
        assertThat(last.get("choices")).isEmpty();
        assertThat(Json.normal(last.get("usage"))).isEqualTo(Json.of("""
                {"prompt_tokens":42,"completion_tokens":7,"total_tokens":49,"prompt_tokens_details":{"cached_tokens":30}}"""));
        assertThat(chunks.subList(0, chunks.size() - 1))
                .allSatisfy(c -> assertThat(c.get("usage").isNull()).isTrue());
        assertThat(out.data().getLast()).isEqualTo("[DONE]");
        assertThat(run(TEXT_STREAM, false, true).chunks())
                .noneSatisfy(c -> assertThat(c.get("choices")).isEmpty());
    }

    @Test
    void thinking_streams_as_reasoning_content_and_signatures_add_nothing() {
        Output out = run("""
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_02","model":"m","content":[],"usage":{"input_tokens":1,"output_tokens":1}}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Let me "}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"think."}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCgIYAhIM"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                event: content_block_start
                data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"42"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":1}

                event: some_future_event
                data: {"type":"some_future_event"}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"max_tokens"},"usage":{"output_tokens":9}}

                event: message_stop
                data: {"type":"message_stop"}

                """, false, true);
        assertThat(out.joined("reasoning_content")).isEqualTo("Let me think.");
        assertThat(out.joined("content")).isEqualTo("42");
        assertThat(out.data().toString()).doesNotContain("EqQBCgIYAhIM").doesNotContain("signature");
        assertThat(out.chunks().getLast().at("/choices/0/finish_reason").stringValue())
                .isEqualTo("length");
        assertThat(out.chunks()).hasSize(5);
    }

    @Test
    void tool_calls_stream_by_tool_index_and_their_fragments_assemble_to_the_input() {
        Output out = run("""
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_03","model":"m","content":[],"usage":{"input_tokens":5,"output_tokens":1}}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Checking."}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                event: content_block_start
                data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_A","name":"get_weather","input":{}}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"city\\": \\"Pa"}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"ris\\", \\"days\\": [1, 2]}"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":1}

                event: content_block_start
                data: {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_B","name":"get_time","input":{}}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\\"tz\\":\\"CET\\"}"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":2}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":30}}

                event: message_stop
                data: {"type":"message_stop"}

                """, false, true);
        List<JsonNode> calls = out.deltas().stream()
                .filter(d -> d.has("tool_calls"))
                .map(d -> d.at("/tool_calls/0"))
                .toList();
        assertThat(calls.get(0)).isEqualTo(Json.of("""
                {"index":0,"id":"toolu_A","type":"function","function":{"name":"get_weather","arguments":""}}"""));
        assertThat(calls.stream()
                        .filter(c -> c.has("id"))
                        .map(c -> c.get("index").asInt()))
                .containsExactly(0, 1);
        assertThat(calls.stream().filter(c -> !c.has("id"))).allSatisfy(c -> {
            assertThat(c.has("type")).isFalse();
            assertThat(c.at("/function").has("name")).isFalse();
        });
        assertThat(Json.of(arguments(calls, 0))).isEqualTo(Json.of("{\"city\":\"Paris\",\"days\":[1,2]}"));
        assertThat(arguments(calls, 0)).isEqualTo("{\"city\": \"Paris\", \"days\": [1, 2]}");
        assertThat(Json.of(arguments(calls, 1))).isEqualTo(Json.of("{\"tz\":\"CET\"}"));
        assertThat(out.joined("content")).isEqualTo("Checking.");
        assertThat(out.chunks().getLast().at("/choices/0/finish_reason").stringValue())
                .isEqualTo("tool_calls");
    }

    private static String arguments(List<JsonNode> calls, int index) {
        return calls.stream()
                .filter(c -> c.get("index").asInt() == index)
                .map(c -> c.at("/function/arguments").asString(""))
                .collect(Collectors.joining());
    }

    @Test
    void a_tool_input_sent_whole_in_the_block_start_still_reaches_the_client() {
        AnthropicToOpenAiStream stream =
                AnthropicToOpenAiStream.create(new OpenAiRequestContext("m", true, false), CLOCK);
        stream.onEvent("message_start", Json.of("{\"message\":{\"id\":\"msg\"}}"));
        stream.onEvent("content_block_start", Json.of("""
                {"index":0,"content_block":{"type":"tool_use","id":"t","name":"f","input":{"a":1}}}"""));
        List<byte[]> frames = stream.onEvent("content_block_stop", Json.of("{\"index\":0}"));
        assertThat(new String(frames.getFirst(), StandardCharsets.UTF_8)).contains("\"arguments\":\"{\\\"a\\\":1}\"");
    }

    @Test
    void an_upstream_error_event_becomes_an_openai_error_then_done() {
        Output out = run("""
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_04","model":"m","content":[],"usage":{"input_tokens":1,"output_tokens":1}}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Par"}}

                event: error
                data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"is"}}

                """, false, true);
        assertThat(out.data().getLast()).isEqualTo("[DONE]");
        JsonNode error = Json.of(out.data().get(out.data().size() - 2));
        assertThat(error).isEqualTo(Json.of("""
                {"error":{"message":"Overloaded","type":"overloaded_error","param":null,"code":null}}"""));
        assertThat(out.joined("content")).isEqualTo("Par");
        assertThat(out.data().stream().filter(d -> d.equals("[DONE]"))).hasSize(1);
    }

    @Test
    void a_stream_cut_before_message_stop_ends_with_an_error_not_a_finish() {
        String cut = TEXT_STREAM.substring(0, TEXT_STREAM.indexOf("event: message_delta"));
        Output out = run(cut, true, true);
        assertThat(out.finished()).isTrue();
        assertThat(out.data().getLast()).isEqualTo("[DONE]");
        JsonNode error = Json.of(out.data().get(out.data().size() - 2));
        assertThat(error.at("/error/message").stringValue()).contains("ended before");
        assertThat(out.chunks().stream().filter(c -> !c.has("error")))
                .allSatisfy(c ->
                        assertThat(c.at("/choices/0/finish_reason").isNull()).isTrue())
                .noneSatisfy(c -> assertThat(c.get("choices")).isEmpty());
    }

    @Test
    void after_a_clean_finish_end_of_stream_and_late_events_add_nothing() {
        AnthropicToOpenAiStream stream =
                AnthropicToOpenAiStream.create(new OpenAiRequestContext("m", true, false), CLOCK);
        SseDecoder.create(stream::onEvent).feed(TEXT_STREAM.getBytes(StandardCharsets.UTF_8));
        assertThat(stream.finished()).isTrue();
        assertThat(stream.endOfStream()).isEmpty();
        assertThat(stream.onEvent(SseEvent.of("message_stop", "{\"type\":\"message_stop\"}")))
                .isEmpty();
    }

    @Test
    void events_before_message_start_still_get_a_role_chunk_and_a_fresh_id() {
        Output out = run("""
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"hi"}}

                data: not json

                event: ping

                event: content_block_delta
                data: {"index":0,"delta":{"type":"text_delta","text":"!"}}

                data: {"type":"message_stop"}

                """, false, true);
        List<JsonNode> chunks = out.chunks();
        assertThat(chunks.getFirst().at("/choices/0/delta/role").stringValue()).isEqualTo("assistant");
        assertThat(chunks).allSatisfy(c -> assertThat(c.get("id").stringValue()).isEqualTo("chatcmpl-fresh"));
        assertThat(out.joined("content")).isEqualTo("hi!");
        assertThat(out.data().getLast()).isEqualTo("[DONE]");
    }
}
