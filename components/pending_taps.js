// Taps a phone made that the server has not confirmed yet, kept in localStorage: they survive a lost signal, a
// reload and a restart. While the socket is down the phone says "not sent yet"; once it is back, every pending
// tap is sent again ("resend") and the server either stores it or says why it could not count.
export default {
  template: `<div v-if="pending.length && !online" role="status" data-testid="not-sent"
    class="text-lg font-semibold bg-amber-2 rounded p-3 w-full">{{ notSentText }}</div>`,
  props: {
    storageKey: String, // per meeting and participant
    notSentText: String,
    confirmed: Array, // [[activity, field, n], …] stored by the server (or refused with a message)
  },
  data() {
    return { pending: [], online: true, seen: 0 };
  },
  watch: {
    confirmed(list) {
      for (const [activity, field, n] of list || []) {
        if (n > this.seen) {
          this.seen = n;
          this.done(activity, field);
        }
      }
    },
  },
  mounted() {
    this.pending = this.load();
    this.onConnect = () => {
      this.online = true;
      this.resend();
    };
    this.onDisconnect = () => (this.online = false);
    const follow = () => {
      // the page's socket is made after its children mount: wait for it
      if (!window.socket) return (this.waiting = setTimeout(follow, 50));
      this.online = window.socket.connected;
      window.socket.on("connect", this.onConnect);
      window.socket.on("disconnect", this.onDisconnect);
      this.resend(); // left over from before a reload
    };
    follow();
    this.mark();
  },
  unmounted() {
    clearTimeout(this.waiting);
    window.socket?.off("connect", this.onConnect);
    window.socket?.off("disconnect", this.onDisconnect);
  },
  methods: {
    load() {
      try {
        return JSON.parse(localStorage.getItem(this.storageKey) || "[]");
      } catch {
        return [];
      }
    },
    save() {
      localStorage.setItem(this.storageKey, JSON.stringify(this.pending));
      this.mark();
    },
    mark() {
      document.body.classList.toggle("taps-pending", this.pending.length > 0);
    },
    add(item) {
      // one pending tap per activity and field: the last one counts, as on the server
      this.pending = this.pending.filter((p) => !(p.activity === item.activity && p.field === item.field));
      this.pending.push(item);
      this.save();
      this.online = Boolean(window.socket?.connected);
    },
    done(activity, field) {
      this.pending = this.pending.filter((p) => !(p.activity === activity && (!field || p.field === field)));
      this.save();
    },
    resend() {
      if (!this.pending.length) return;
      const send = () => {
        if (window.did_handshake && window.socket?.connected) this.$emit("resend", this.pending);
        else setTimeout(send, 100);
      };
      send();
    },
  },
};
