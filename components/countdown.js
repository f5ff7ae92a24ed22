// A countdown that ticks in the browser. The server sends the deadline (or the time left while paused)
// once per change, plus its own clock, so every page shows the same time without a push per second.
// The browser's clock may be off: ``offset`` (measured by the server with a round trip at every connect) corrects
// it; until it is there, the server's clock sent with the state gives an estimate.
export default {
  template: `<span role="timer" :class="{ 'countdown-done': done }">{{ text }}<span v-if="paused && !done"
    class="countdown-paused" style="display: block; font-size: 0.3em; line-height: 1.2">{{ pausedText }}</span></span>`,
  props: {
    endsAt: Number, // epoch ms on the server's clock, while running
    remaining: Number, // seconds, while paused or not started
    serverNow: Number, // epoch ms on the server's clock when these props were sent
    offset: Number, // ms, the server's clock minus this browser's, measured (null: not yet)
    doneText: String,
    paused: Boolean, // stopped part-way: the number is frozen, say so
    pausedText: String,
    sound: String, // URL of a sound to play at zero ('' for none)
    vibrate: Boolean,
  },
  data() {
    return { now: Date.now(), estimate: 0, firedFor: null };
  },
  computed: {
    skew() {
      return typeof this.offset === "number" ? this.offset : this.estimate;
    },
    left() {
      if (this.endsAt) return Math.max(0, (this.endsAt - (this.now + this.skew)) / 1000);
      return Math.max(0, this.remaining || 0);
    },
    done() {
      return Boolean(this.endsAt) && this.left <= 0;
    },
    text() {
      if (this.done) return this.doneText;
      const seconds = Math.ceil(this.left);
      return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
    },
  },
  watch: {
    serverNow: {
      immediate: true,
      handler(value) {
        if (value) this.estimate = value - Date.now(); // too small by the time the message took
      },
    },
    done(value) {
      if (value) this.finish();
    },
  },
  mounted() {
    if (this.done) this.firedFor = this.endsAt; // already over when the page opened: no sound, no buzz
    this.timer = setInterval(() => (this.now = Date.now()), 200);
  },
  unmounted() {
    clearInterval(this.timer);
  },
  methods: {
    finish() {
      if (this.firedFor === this.endsAt) return;
      this.firedFor = this.endsAt;
      if (this.vibrate && navigator.vibrate) navigator.vibrate([400, 150, 400]);
      if (this.sound) new Audio(this.sound).play().catch(() => {});
      this.$emit("done");
    },
  },
};
