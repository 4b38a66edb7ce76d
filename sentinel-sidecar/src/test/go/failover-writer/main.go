// failover-writer: go-redis FailoverClient writing through a failover, for ClientsTest.
// Usage: failover-writer <sentinel-addr,...> <seconds>. Prints "ok <n>" per acknowledged SET, "err <msg>" per failure.
package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

func main() {
	secs, _ := strconv.Atoi(os.Args[2])
	c := redis.NewFailoverClient(&redis.FailoverOptions{
		MasterName:    "mymaster",
		SentinelAddrs: strings.Split(os.Args[1], ","),
		DialTimeout:   500 * time.Millisecond,
		ReadTimeout:   500 * time.Millisecond,
		WriteTimeout:  500 * time.Millisecond,
		MaxRetries:    -1,
	})
	defer c.Close()
	ctx := context.Background()
	end := time.Now().Add(time.Duration(secs) * time.Second)
	for i := 1; time.Now().Before(end); i++ {
		if err := c.Set(ctx, "go", i, 0).Err(); err != nil {
			fmt.Println("err", err)
			time.Sleep(50 * time.Millisecond)
		} else {
			fmt.Println("ok", i)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
