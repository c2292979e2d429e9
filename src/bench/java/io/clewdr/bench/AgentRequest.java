package io.clewdr.bench;

import java.util.Random;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request of the size a coding agent sends on every turn, about 50 KB: a long cached system prompt,
 * fifteen tool definitions and a history of twelve tool-using turns. The text is drawn from a seeded
 * generator, so every run and every system gets the same bytes.
 */
final class AgentRequest {
    private static final String[] WORDS = ("the of and to in is that for it as with was on be by this are from at or an"
                    + " have not which but can we all will more one has their if about there when so what up out into"
                    + " other file function return value test build error change line")
            .split(" ");

    private AgentRequest() {}

    /** The request body (non-streaming Anthropic Messages). */
    static byte[] body() {
        Random random = new Random(50_000);
        JsonMapper json = JsonMapper.shared();
        ObjectNode body = json.createObjectNode();
        body.put("model", "claude-sonnet-4-5").put("max_tokens", 4096).put("stream", false);
        body.putArray("system")
                .addObject()
                .put("type", "text")
                .put("text", text(random, 1500))
                .putObject("cache_control")
                .put("type", "ephemeral");
        ArrayNode tools = body.putArray("tools");
        for (int i = 0; i < 15; i++) {
            ObjectNode tool = tools.addObject().put("name", "tool_" + i).put("description", text(random, 120));
            ObjectNode schema = tool.putObject("input_schema").put("type", "object");
            ObjectNode properties = schema.putObject("properties");
            for (int p = 0; p < 5; p++) {
                properties.putObject("p" + p).put("type", "string").put("description", text(random, 15));
            }
            schema.putArray("required").add("p0");
        }
        ArrayNode messages = body.putArray("messages");
        for (int turn = 0; turn < 12; turn++) {
            messages.addObject()
                    .put("role", "user")
                    .putArray("content")
                    .addObject()
                    .put("type", "text")
                    .put("text", text(random, 300));
            ArrayNode answer = messages.addObject().put("role", "assistant").putArray("content");
            answer.addObject().put("type", "text").put("text", text(random, 200));
            answer.addObject()
                    .put("type", "tool_use")
                    .put("id", "toolu_" + turn)
                    .put("name", "tool_1")
                    .putObject("input")
                    .put("p0", text(random, 10));
        }
        messages.addObject().put("role", "user").put("content", "Continue.");
        body.putObject("metadata").put("user_id", "bench-user");
        return json.writeValueAsBytes(body);
    }

    private static String text(Random random, int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }
}
