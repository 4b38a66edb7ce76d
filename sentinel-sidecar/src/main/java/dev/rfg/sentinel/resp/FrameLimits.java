package dev.rfg.sentinel.resp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.redis.ArrayHeaderRedisMessage;
import io.netty.handler.codec.redis.BulkStringHeaderRedisMessage;
import io.netty.handler.codec.redis.RedisCodecException;
import io.netty.util.ReferenceCountUtil;

/**
 * Refuses frames whose announced size could exhaust memory before the aggregators see them:
 * Netty's array aggregator pre-sizes its list from the header, and the bulk aggregator buffers
 * the whole string. Sits between the decoder and the aggregators.
 */
public final class FrameLimits extends ChannelInboundHandlerAdapter {
    private final long maxBulkLength;
    private final long maxArrayLength;

    public FrameLimits(long maxBulkLength, long maxArrayLength) {
        this.maxBulkLength = maxBulkLength;
        this.maxArrayLength = maxArrayLength;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof BulkStringHeaderRedisMessage h && h.bulkStringLength() > maxBulkLength) {
            ReferenceCountUtil.release(msg);
            throw new RedisCodecException("invalid bulk length");
        }
        if (msg instanceof ArrayHeaderRedisMessage h && h.length() > maxArrayLength) {
            ReferenceCountUtil.release(msg);
            throw new RedisCodecException("invalid multibulk length");
        }
        ctx.fireChannelRead(msg);
    }
}
