"""Celery side of `va bench queue`: a no-op task that counts its runs in Redis, and a producer.

Configured from the environment by the bench: VA_BENCH_BROKER (redis:// URL), VA_BENCH_QUEUE (a fresh name that
every key Celery creates here contains, so the bench can delete them afterwards), VA_BENCH_COUNTER (the key the task
increments), VA_BENCH_PREFETCH (worker_prefetch_multiplier).

    python3 celery_bench.py produce N      enqueue N tasks, print the seconds it took
    python3 -m celery -A celery_bench worker -Q $VA_BENCH_QUEUE ...     run them
"""
import os
import sys
import time

import redis
from celery import Celery

BROKER = os.environ["VA_BENCH_BROKER"]
QUEUE = os.environ["VA_BENCH_QUEUE"]
COUNTER = os.environ["VA_BENCH_COUNTER"]

app = Celery("celery_bench", broker=BROKER)
app.conf.update(
    # no result backend: a no-op task has nothing to return
    task_ignore_result=True,
    # ack after the task ran, like va (a task whose worker dies is delivered again)
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=int(os.environ.get("VA_BENCH_PREFETCH", "64")),
    task_default_queue=QUEUE,
    task_default_exchange=QUEUE,
    task_default_routing_key=QUEUE,
    task_serializer="json",
    accept_content=["json"],
    worker_enable_remote_control=False,
    worker_send_task_events=False,
    broker_connection_retry_on_startup=True,
    # keys kombu would otherwise share with every other Celery on this Redis
    broker_transport_options={
        "unacked_key": QUEUE + ".unacked",
        "unacked_index_key": QUEUE + ".unacked_index",
        "unacked_mutex_key": QUEUE + ".unacked_mutex",
        "visibility_timeout": 3600,
    },
)

_counter = None


def counter():
    global _counter
    if _counter is None:
        _counter = redis.Redis.from_url(BROKER)
    return _counter


@app.task(name="va.bench.noop")
def noop():
    counter().incr(COUNTER)


def produce(count):
    start = time.monotonic()
    # one producer (and connection) for every message instead of one per call
    with app.producer_or_acquire() as producer:
        for _ in range(count):
            noop.apply_async(producer=producer)
    return time.monotonic() - start


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "produce":
        sys.exit("usage: celery_bench.py produce N")
    print("%.3f" % produce(int(sys.argv[2])))
