"""Where RapidOCR's models run: the inference runtime and the device.

RapidOCR runs its three models (text detector, orientation classifier, recogniser) on
onnxruntime sessions it builds itself. pfocr replaces those sessions after RapidOCR has
read the models' metadata (the recogniser's character list), so the same model files
run on:

- **OpenVINO** (the default detector runtime on Intel CPUs, when the ``openvino`` wheel
  is installed): Intel's oneDNN kernels run the PP-OCR detector about 4 times faster
  than onnxruntime's CPU kernels at one thread on an Intel Xeon; on an AMD EPYC at the
  same cost per figure, and OpenVINO's start-up (importing it, compiling the two
  detectors) then only adds CPU: 0.8 s a process (docs/speed.md, stops 31 and 32), so
  ``auto`` keeps the detector on onnxruntime on other CPUs. In full float32 precision
  (the detector's probability maps agree to 1e-4; every word and box read from 12 PMC
  figures and 6 WikiPathways renders is identical, and so are the gene sets of 45 PMC
  and 100 WikiPathways dev figures: docs/speed.md; on the AMD host, every word and box
  of the 45 PMC figures). OpenVINO picks bfloat16 on CPUs with AMX or
  AVX512-BF16 unless told otherwise: pfocr always asks for float32, since bfloat16
  changes readings.
- **onnxruntime** on CPU, with its memory arena on (the recogniser is called with many
  batch shapes; reusing buffers saves about a tenth of its time). The classifier and the
  recogniser stay on onnxruntime by default: OpenVINO is no faster for their small,
  varying batches.
- **CUDA** (``--device cuda``): onnxruntime-gpu's CUDA execution provider for all three
  models (``pip install 'pfocr[gpu]'``). Where the provider cannot start (no GPU, no
  CUDA libraries, the CPU wheel installed), pfocr says so once and runs on the CPU.

Every runtime runs one inference thread: parallelism is one process per core.
"""

from __future__ import annotations

import importlib.util
import logging
import platform
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import numpy as np

__all__ = [
    "Device",
    "Placement",
    "Runtime",
    "choose_placement",
    "cpu_vendor",
    "install_sessions",
    "make_session",
    "openvino_available",
]

logger = logging.getLogger(__name__)

Session = Callable[[np.ndarray], np.ndarray]


class Runtime(StrEnum):
    """The inference runtimes pfocr can run a model on."""

    AUTO = "auto"
    ONNXRUNTIME = "onnxruntime"
    OPENVINO = "openvino"
    #: the recogniser in bfloat16 on OpenVINO (a measured lever, not the default: the
    #: readings differ from float32's, and by CPU: only AMX / AVX512-BF16 CPUs run it)
    OPENVINO_BF16 = "openvino-bf16"


class Device(StrEnum):
    """Where the models run."""

    CPU = "cpu"
    CUDA = "cuda"


@dataclass(frozen=True)
class Placement:
    """The runtime each of RapidOCR's three models runs on, and the device."""

    det: Runtime
    cls: Runtime
    rec: Runtime
    device: Device

    def describe(self) -> str:
        """Say where the models run, for logs and benchmarks.

        :returns: e.g. ``det=openvino cls=onnxruntime rec=onnxruntime on cpu``
        """
        return f"det={self.det} cls={self.cls} rec={self.rec} on {self.device}"


def openvino_available() -> bool:
    """Say whether the ``openvino`` wheel is installed (without importing it).

    :returns: True when it can be imported
    """
    return importlib.util.find_spec("openvino") is not None


def cpu_vendor() -> str:
    """The CPU's maker, as the runtimes' kernels care about it.

    :returns: ``intel``, ``amd`` or ``other`` (unknown, ARM, ...)
    """
    text = ""
    cpuinfo = Path("/proc/cpuinfo")
    try:
        if cpuinfo.is_file():
            with cpuinfo.open(encoding="utf-8", errors="replace") as handle:
                text = next((line for line in handle if line.startswith("vendor_id")), "")
    except OSError:
        text = ""
    text = text or platform.processor()
    if "GenuineIntel" in text or "Intel" in text:
        return "intel"
    if "AuthenticAMD" in text or "AMD" in text:
        return "amd"
    return "other"


def _cuda_available() -> bool:
    try:
        import onnxruntime
    except ImportError:  # pragma: no cover - onnxruntime is a dependency
        return False
    return "CUDAExecutionProvider" in onnxruntime.get_available_providers()


def choose_placement(runtime: str = "auto", device: str = "cpu") -> Placement:
    """Decide where each model runs.

    ``auto`` on the CPU puts the detector on OpenVINO on Intel CPUs when it is installed
    (elsewhere its kernels cost what onnxruntime's do, and its start-up is extra) and the
    rest on onnxruntime; ``cuda`` puts every model on onnxruntime's CUDA provider, or falls
    back to the CPU placement with a warning when the provider is not there.

    :param runtime: ``auto``, ``onnxruntime``, ``openvino`` or ``openvino-bf16`` (the
        detector on OpenVINO, the recogniser on OpenVINO in bfloat16)
    :param device: ``cpu`` or ``cuda``
    :returns: the placement
    :raises ValueError: for an unknown runtime or device, or ``openvino`` asked for
        where it is not installed
    """
    try:
        wanted = Runtime(runtime)
        dev = Device(device)
    except ValueError as exc:
        raise ValueError(
            f"unknown OCR runtime or device: {runtime!r} / {device!r} "
            "(runtimes: auto, onnxruntime, openvino, openvino-bf16; devices: cpu, cuda)"
        ) from exc
    if dev is Device.CUDA:
        if _cuda_available():
            ort = Runtime.ONNXRUNTIME
            return Placement(ort, ort, ort, Device.CUDA)
        logger.warning(
            "--device cuda: onnxruntime has no CUDA execution provider here "
            "(pip install 'pfocr[gpu]' on a machine with an NVIDIA GPU); running on the CPU"
        )
    if wanted in (Runtime.OPENVINO, Runtime.OPENVINO_BF16) and not openvino_available():
        raise ValueError("the openvino runtime is not installed (pip install openvino)")
    if wanted is Runtime.OPENVINO_BF16:
        ov, ort = Runtime.OPENVINO, Runtime.ONNXRUNTIME
        return Placement(ov, ort, Runtime.OPENVINO_BF16, Device.CPU)
    det = wanted
    if wanted is Runtime.AUTO:
        fast = openvino_available() and cpu_vendor() == "intel"
        det = Runtime.OPENVINO if fast else Runtime.ONNXRUNTIME
    return Placement(det, Runtime.ONNXRUNTIME, Runtime.ONNXRUNTIME, Device.CPU)


def _onnxruntime_session(model: Path, device: Device, threads: int) -> Session:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.log_severity_level = 4
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    # the recogniser sees a new batch shape on most calls: reuse buffers between them
    options.enable_cpu_mem_arena = True
    providers: list[Any] = ["CPUExecutionProvider"]
    if device is Device.CUDA:
        providers = [("CUDAExecutionProvider", {"device_id": 0}), "CPUExecutionProvider"]
    session = ort.InferenceSession(str(model), sess_options=options, providers=providers)
    inputs = [i.name for i in session.get_inputs()]
    outputs = [o.name for o in session.get_outputs()]

    def run(x: np.ndarray) -> np.ndarray:
        out: np.ndarray = session.run(outputs, {inputs[0]: x})[0]
        return out

    return run


def _openvino_session(model: Path, threads: int, precision: str = "f32") -> Session:
    import openvino

    core = openvino.Core()
    compiled = core.compile_model(
        str(model),
        "CPU",
        {
            "INFERENCE_NUM_THREADS": threads,
            # OpenVINO chooses bfloat16 on AMX / AVX512-BF16 CPUs by default, which
            # changes the detector's boxes; pfocr's readings are measured in float32
            "INFERENCE_PRECISION_HINT": precision,
            "NUM_STREAMS": 1,
        },
    )
    request = compiled.create_infer_request()

    def run(x: np.ndarray) -> np.ndarray:
        request.infer([x])
        # the output tensor is reused by the next call: copy it out
        out: np.ndarray = np.array(request.get_output_tensor().data, copy=True)
        return out

    return run


def make_session(model: Path, runtime: Runtime, device: Device, threads: int = 1) -> Session:
    """Load one model on a runtime.

    :param model: the ``.onnx`` file
    :param runtime: ``onnxruntime``, ``openvino`` or ``openvino-bf16`` (not ``auto``: see
        :func:`choose_placement`)
    :param device: ``cpu`` or ``cuda`` (onnxruntime only)
    :param threads: inference threads
    :returns: a function from the model's input array to its first output
    """
    if runtime is Runtime.OPENVINO:
        return _openvino_session(model, threads)
    if runtime is Runtime.OPENVINO_BF16:
        return _openvino_session(model, threads, "bf16")
    return _onnxruntime_session(model, device, threads)


class _Swapped:
    """Stands in for RapidOCR's session object: the model runs on another runtime;
    metadata questions (the recogniser's character list) go to the original."""

    def __init__(self, run: Session, original: Any) -> None:
        self._run = run
        self._original = original

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return self._run(x)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._original, name)


def install_sessions(
    ocr: Any, placement: Placement, threads: int = 1, parts: tuple[str, ...] = ("det", "cls", "rec")
) -> Placement:
    """Load a RapidOCR object's three models now and run them where ``placement`` says.

    RapidOCR loads models on first use; loading them here (once per worker process)
    keeps the first figure's time honest and lets a bad runtime fail at start-up. A model
    OpenVINO cannot load (an unsupported CPU or platform) runs on onnxruntime instead,
    with a warning.

    :param ocr: a ``rapidocr.RapidOCR`` (or subclass) object
    :param placement: where each model runs
    :param threads: inference threads per model
    :param parts: the models to load (a reader that shares another's classifier and
        recogniser loads only its detector)
    :returns: where the models run now
    """
    used: dict[str, Runtime] = {}
    for part in parts:
        model = getattr(ocr, f"_load_{part}_model")()
        original = model.session
        path = Path(original.session._model_path)
        runtime: Runtime = getattr(placement, part)
        try:
            run = make_session(path, runtime, placement.device, threads)
        except Exception as exc:  # OpenVINO's errors have no common base class
            if runtime is Runtime.ONNXRUNTIME:
                raise
            logger.warning("%s cannot run %s (%s); using onnxruntime", runtime, path.name, exc)
            runtime = Runtime.ONNXRUNTIME
            run = make_session(path, runtime, placement.device, threads)
        used[part] = runtime
        model.session = _Swapped(run, original)
    return Placement(
        used.get("det", placement.det),
        used.get("cls", placement.cls),
        used.get("rec", placement.rec),
        placement.device,
    )
