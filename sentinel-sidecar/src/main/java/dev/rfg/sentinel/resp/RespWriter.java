package dev.rfg.sentinel.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Serialises {@link Reply} values in RESP2 or RESP3. */
public final class RespWriter {
    private static final byte[] CRLF = {'\r', '\n'};

    private RespWriter() {}

    public static void write(Reply reply, int protocol, ByteBuf out) {
        switch (reply) {
            case Reply.Simple s -> line(out, '+', s.text());
            case Reply.Error e -> line(out, '-', e.text());
            case Reply.Int i -> line(out, ':', Long.toString(i.value()));
            case Reply.Bulk b -> {
                byte[] bytes = b.text().getBytes(StandardCharsets.UTF_8);
                line(out, '$', Integer.toString(bytes.length));
                out.writeBytes(bytes).writeBytes(CRLF);
            }
            case Reply.NullBulk n -> out.writeBytes(protocol >= 3 ? "_\r\n".getBytes() : "$-1\r\n".getBytes());
            case Reply.NullArray n -> out.writeBytes(protocol >= 3 ? "_\r\n".getBytes() : "*-1\r\n".getBytes());
            case Reply.Arr a -> aggregate(out, '*', a.items().size(), a.items(), protocol);
            case Reply.MapReply m -> {
                if (protocol >= 3) {
                    aggregate(out, '%', m.pairs().size() / 2, m.pairs(), protocol);
                } else {
                    aggregate(out, '*', m.pairs().size(), m.pairs(), protocol);
                }
            }
            case Reply.Push p -> aggregate(out, protocol >= 3 ? '>' : '*', p.items().size(), p.items(), protocol);
            case Reply.SetReply s -> aggregate(out, protocol >= 3 ? '~' : '*', s.items().size(), s.items(), protocol);
            case Reply.Dbl d -> {
                String text = formatDouble(d.value());
                if (protocol >= 3) {
                    line(out, ',', text);
                } else {
                    write(new Reply.Bulk(text), protocol, out);
                }
            }
            case Reply.Verbatim v -> {
                byte[] bytes = ((protocol >= 3 ? "txt:" : "") + v.text()).getBytes(StandardCharsets.UTF_8);
                line(out, protocol >= 3 ? '=' : '$', Integer.toString(bytes.length));
                out.writeBytes(bytes).writeBytes(CRLF);
            }
        }
    }

    /** C's {@code %.17g}: 17 significant digits, trailing zeros dropped, exponent form below 1e-4 or from 1e17. */
    static String formatDouble(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        java.math.BigDecimal bd = new java.math.BigDecimal(d)
                .round(new java.math.MathContext(17, java.math.RoundingMode.HALF_EVEN));
        int exp = bd.precision() - bd.scale() - 1;
        if (exp < -4 || exp >= 17) {
            String mantissa = bd.movePointLeft(exp).stripTrailingZeros().toPlainString();
            int a = Math.abs(exp);
            return mantissa + "e" + (exp < 0 ? "-" : "+") + (a < 10 ? "0" : "") + a;
        }
        return bd.stripTrailingZeros().toPlainString();
    }

    private static void aggregate(ByteBuf out, char type, int count, List<Reply> items, int protocol) {
        line(out, type, Integer.toString(count));
        for (Reply item : items) {
            write(item, protocol, out);
        }
    }

    private static void line(ByteBuf out, char type, String text) {
        out.writeByte(type);
        // Simple strings and errors must not carry line breaks.
        ByteBufUtil.writeUtf8(out, text.replace('\r', ' ').replace('\n', ' '));
        out.writeBytes(CRLF);
    }
}
