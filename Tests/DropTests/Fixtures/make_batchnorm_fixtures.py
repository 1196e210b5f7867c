"""Writes batchnorm.json: nn.BatchNorm1d's outputs, running statistics and gradients in PyTorch.

Run by hand (tests never need torch): python3 Tests/DropTests/Fixtures/make_batchnorm_fixtures.py
Every value is stored, so the Swift test draws nothing. Each case: a BatchNorm1d(C) whose weight and
bias are set to stored values, `steps` training batches (each stored) run forward in train mode, the
running statistics after each, then on the last batch an upstream gradient `upstream` and the
gradients of x, weight and bias after out.backward(upstream); then eval mode on `evalX`, its output
and gradients. The module's and the output's printed forms are stored too.
"""
import json, pathlib
import torch

torch.set_num_threads(1)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


cases = []
for seed, (n, c, steps) in enumerate([(8, 5, 3), (32, 16, 4), (2, 3, 2)]):
    torch.manual_seed(seed)
    bn = torch.nn.BatchNorm1d(c)
    with torch.no_grad():
        bn.weight.copy_(1 + 0.3 * torch.randn(c))
        bn.bias.copy_(0.2 * torch.randn(c))
    batches = [torch.randn(n, c) * 2 + 0.5 for _ in range(steps)]
    case = {"n": n, "c": c, "weight": flat(bn.weight), "bias": flat(bn.bias),
            "batches": [flat(b) for b in batches], "runningMean": [], "runningVar": []}
    for k, batch in enumerate(batches):
        x = batch.clone().requires_grad_()
        out = bn(x)
        case["runningMean"].append(flat(bn.running_mean))
        case["runningVar"].append(flat(bn.running_var))
        if k == steps - 1:
            upstream = torch.randn(n, c)
            out.backward(upstream)
            case.update(out=flat(out), upstream=flat(upstream), xGrad=flat(x.grad),
                        weightGrad=flat(bn.weight.grad), biasGrad=flat(bn.bias.grad))
            if seed == 0:
                case["outRepr"] = repr(out)
    bn.eval()
    bn.weight.grad = None
    bn.bias.grad = None
    x = (torch.randn(n, c) * 2 + 0.5).requires_grad_()
    out = bn(x)
    upstream = torch.randn(n, c)
    out.backward(upstream)
    case.update(evalX=flat(x), evalOut=flat(out), evalUpstream=flat(upstream), evalXGrad=flat(x.grad),
                evalWeightGrad=flat(bn.weight.grad), evalBiasGrad=flat(bn.bias.grad),
                numBatchesTracked=int(bn.num_batches_tracked), moduleRepr=repr(bn),
                names=[name for name, _ in bn.named_parameters()],
                buffers=[name for name, _ in bn.named_buffers()])
    cases.append(case)

path = pathlib.Path(__file__).with_name("batchnorm.json")
path.write_text(json.dumps({"torch": torch.__version__, "cases": cases}, indent=1) + "\n")
print(f"wrote {path}")
