'use strict';
// The Speak button: streams this browser's microphone to the live gateway (its address is in the page's
// streamscribe-gateway meta tag, empty when the dashboard runs without one). The stream's transcript comes back on
// the dashboard like any other stream's; the gateway's own messages only say which stream is ours.
(() => {
  const gateway = document.querySelector('meta[name="streamscribe-gateway"]').content;
  const button = document.getElementById('mic');
  const status = document.getElementById('mic-status');
  if (!gateway) return;
  button.hidden = false;
  let session = null;

  async function start() {
    const media = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: true } });
    // 16 kHz is the model's rate; the browser resamples the microphone to it
    const context = new AudioContext({ sampleRate: 16000 });
    await context.audioWorklet.addModule('pcm-worklet.js');
    const source = context.createMediaStreamSource(media);
    const capture = new AudioWorkletNode(context, 'pcm-capture');
    const socket = new WebSocket(`${gateway}?rate=${context.sampleRate}&format=s16le`);
    socket.binaryType = 'arraybuffer';
    session = { media, context, socket };
    socket.onmessage = e => {
      const m = JSON.parse(e.data);
      if (m.type === 'ready') status.textContent = `streaming as ${m.streamId}`;
    };
    socket.onclose = e => {
      status.textContent = e.code === 1000 ? 'ended' : `closed: ${e.reason || e.code}`;
      stop(false);
    };
    capture.port.onmessage = e => {
      if (socket.readyState === WebSocket.OPEN) socket.send(e.data);
    };
    source.connect(capture);
    button.textContent = 'Stop';
    button.classList.add('on');
  }

  function stop(sendEos) {
    if (!session) return;
    const { media, context, socket } = session;
    session = null;
    media.getTracks().forEach(t => t.stop());
    context.close();
    if (sendEos && socket.readyState === WebSocket.OPEN) socket.send('eos');
    button.textContent = 'Speak';
    button.classList.remove('on');
  }

  button.addEventListener('click', () => {
    if (session) {
      stop(true);
      return;
    }
    start().catch(e => {
      status.textContent = `microphone: ${e.message}`;
      stop(false);
    });
  });
})();
